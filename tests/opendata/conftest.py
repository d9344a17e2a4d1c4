import io
import zipfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"


def decidim_zip() -> bytes:
    """The Decidim fixture files zipped as the platform's open-data export."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((FIXTURES / "decidim").iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()


def grand_debat_csv() -> bytes:
    return (FIXTURES / "grand_debat_democratie.csv").read_bytes()


@pytest.fixture
def decidim_export() -> bytes:
    return decidim_zip()


@pytest.fixture
def grand_debat_export() -> bytes:
    return grand_debat_csv()
