"""Checks on every file a person uploads, and how the platform serves them back.

One place decides what an uploaded file really is (from its content, not its name),
refuses programs and web pages, and enforces size limits: each upload form uses
`UploadField` (or `UploadValidator` on an existing field).
"""
