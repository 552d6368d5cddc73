"""The meeting pack (mødepakke): everything a steering-committee member reads before a
meeting, as one HTML document with a print stylesheet, and as a PDF printed from it by
headless Chromium.

``content.pack_content`` gathers the figures (from the same queries the pages use),
``document.pack_html`` lays them out, ``pdf.html_to_pdf`` prints them.
"""

from dashboard.meeting_pack.content import PackContent, pack_content
from dashboard.meeting_pack.document import pack_filename, pack_html
from dashboard.meeting_pack.pdf import PdfUnavailable, html_to_pdf

__all__ = [
    "PackContent",
    "PdfUnavailable",
    "html_to_pdf",
    "pack_content",
    "pack_filename",
    "pack_html",
]
