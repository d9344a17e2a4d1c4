"""Certificates of attendance, rendered to PDF by WeasyPrint.

The PDF has its own print stylesheet: WeasyPrint 69 and 70 crash on the DSFR CSS,
and a certificate needs none of it.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from concerto.trainings.models import Registration


def certificate_number(registration: Registration) -> str:
    return f"CIPC-F{registration.session_id:05d}-{registration.pk:06d}"


def certificate_pdf(registration: Registration) -> bytes:
    from weasyprint import CSS, HTML

    context = {
        "registration": registration,
        "session": registration.session,
        "training": registration.session.training,
        "number": certificate_number(registration),
        "issued_on": timezone.localdate(),
    }
    html = render_to_string("trainings/certificate/certificate.html", context)
    css = render_to_string("trainings/certificate/certificate.css")
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=css)])
