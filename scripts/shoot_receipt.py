"""The disclosure receipt's first page as PNG, in English and Spanish, from synthetic data:
`python scripts/shoot_receipt.py [OUTDIR]` writes disclosure-receipt.LANG.png (default
docs/screenshots).

The page is the PDF's own HTML (ui/receipt_pdf.receipt_html) drawn by the same QTextDocument
onto an A4 image with the PDF's margins, so it reads as the printed paper does; no PDF
rasteriser is needed on the machine.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DPI = 110
A4_MM = (210, 297)
MARGIN_MM = 15  # ui/reports/pdf.html_pdf's margins


def _receipt(language: str) -> object:
    from intake_app.domain.attachments import FileKind
    from intake_app.domain.consent import Category, Consent, GivenBy, Method, Purpose
    from intake_app.domain.receipt import HandedFile, SentFile, SentShare, build_receipt

    now = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    shelter, police = "a" * 32, "b" * 32

    def consent(cid: int, to: str, purpose: Purpose, cats: set[Category], ago: int, left: int,
                **more: object) -> Consent:
        fields: dict[str, object] = {"method": Method.SIGNED, "interpreter": False, **more}
        return Consent(id=cid, case_id=1, purpose=purpose, recipient_id=to,
                       categories=frozenset(cats), wording="", language=language,
                       given_at=now - timedelta(days=ago), expires_at=now + timedelta(days=left),
                       **fields)  # type: ignore[arg-type]

    consents = [
        consent(1, shelter, Purpose.SERVICES_REFERRAL, {Category.NEEDS, Category.SAFETY}, 12, 78),
        consent(2, police, Purpose.LAW_ENFORCEMENT, {Category.EXPERIENCE}, 40, 50,
                withdrawn_at=now - timedelta(days=9), interpreter=True),
        consent(3, shelter, Purpose.CASE_COORDINATION, {Category.CONTACT}, 120, -30,
                given_by=GivenBy.BOTH),
    ]
    letter = SentFile(FileKind.PDF, Category.NEEDS, now - timedelta(days=12))
    shares = [SentShare(now - timedelta(days=11), frozenset({Category.NEEDS}), (1,), True,
                        (letter,)),
              SentShare(now - timedelta(days=30), frozenset({Category.EXPERIENCE}), (2,)),
              SentShare(now - timedelta(days=100), frozenset({Category.CONTACT}), (3,))]
    return build_receipt(case_code="K7QM-2RXD", consents=consents, shares=shares,
                         agency_names={shelter: "Casa Esperanza Shelter",
                                       police: "Riverside Police Department"},
                         language=language, now=now, own_agency="Harbor Advocacy Center",
                         own_contacts=("Duty desk: +1 555 0100",), zone=UTC,
                         handed=[HandedFile(now - timedelta(days=4), Purpose.SERVICES_REFERRAL,
                                            None, frozenset({Category.NEEDS}), (1,))])


def main(out: Path) -> None:
    from PySide6.QtCore import QRectF, QSizeF
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QTextDocument

    from intake_app.ui.receipt_pdf import FONT_POINTS, receipt_html

    app = QGuiApplication(sys.argv[:1])
    px = DPI / 25.4
    for language in ("en", "es"):
        image = QImage(round(A4_MM[0] * px), round(A4_MM[1] * px), QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(round(DPI / 0.0254))
        image.setDotsPerMeterY(round(DPI / 0.0254))
        image.fill(QColor("white"))
        document = QTextDocument()
        document.setDefaultFont(QFont("DejaVu Sans", FONT_POINTS))
        document.setHtml(receipt_html(_receipt(language)))  # type: ignore[arg-type]
        width, height = (A4_MM[0] - 2 * MARGIN_MM) * px, (A4_MM[1] - 2 * MARGIN_MM) * px
        document.setPageSize(QSizeF(width, height))
        painter = QPainter(image)
        painter.translate(MARGIN_MM * px, MARGIN_MM * px)
        document.drawContents(painter, QRectF(0, 0, width, height))  # the first page only
        painter.end()
        target = out / f"disclosure-receipt.{language}.png"
        image.save(str(target))
        print(target)
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
