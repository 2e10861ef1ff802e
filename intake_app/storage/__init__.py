"""SQLCipher storage: key vault, database, migrations, repositories, audit. Nothing else opens the database."""
