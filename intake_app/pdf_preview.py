"""The first page of a PDF as pixels, in memory (PDFium through pypdfium2): the preview of a
scanned release. Nothing is written to disk; no Qt here (the screen turns the pixels into an
image)."""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium

# A preview, not a print: caps the memory a hostile page size could ask (a page 20 pt wide and
# 14,400 pt tall, scaled to the width alone, asked 3.4 GB).
MAX_WIDTH_PX = 2000
MAX_HEIGHT_PX = 3000


@dataclass(frozen=True, slots=True)
class Page:
    """RGB, 8 bits a channel, rows of `stride` bytes; `pages`: how many the document has."""

    width: int
    height: int
    stride: int
    rgb: bytes
    pages: int

    def __repr__(self) -> str:  # the pixels are the person's document
        return f"Page({self.width}x{self.height}, of {self.pages})"


class NotAPdf(ValueError):
    """The bytes are not a PDF PDFium can open (damaged, or protected by a password)."""


def first_page(data: bytes, width_px: int = 900) -> Page:
    """The first page scaled to `width_px` wide (at most MAX_WIDTH_PX)."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise NotAPdf("not a readable PDF") from err
    try:
        if len(document) == 0:
            raise NotAPdf("a PDF without pages")
        page = document[0]
        points_wide, points_high = page.get_size()
        scale = min(min(width_px, MAX_WIDTH_PX) / max(points_wide, 1.0),
                    MAX_HEIGHT_PX / max(points_high, 1.0))
        try:
            bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB, as Format_RGB888
        except (pdfium.PdfiumError, MemoryError) as err:
            page.close()
            raise NotAPdf("a page that cannot be drawn") from err
        try:
            return Page(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer),
                        len(document))
        finally:
            bitmap.close()
            page.close()
    finally:
        document.close()
