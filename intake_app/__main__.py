"""`python -m intake_app`: the same entry point as `intake`."""

import sys

from intake_app.cli import main

sys.exit(main())
