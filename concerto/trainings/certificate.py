"""Certificates of attendance, rendered to PDF by WeasyPrint.

The PDF has its own print stylesheet (static/trainings/certificate.css).
"""

from django.template.loader import render_to_string
from django.utils import timezone

from concerto.downloads import render_pdf
from concerto.trainings.models import Registration


def certificate_number(registration: Registration) -> str:
    return f"CIPC-F{registration.session_id:05d}-{registration.pk:06d}"


def certificate_pdf(registration: Registration) -> bytes:
    context = {
        "registration": registration,
        "session": registration.session,
        "training": registration.session.training,
        "number": certificate_number(registration),
        "issued_on": timezone.localdate(),
    }
    html = render_to_string("trainings/certificate/certificate.html", context)
    return render_pdf(html, stylesheet="trainings/certificate.css")
