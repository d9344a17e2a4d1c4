"""Co-drafting a text: the document model, draft readers and version diffs.

Pure Python (standard library only), no Django. Typical use::

    reading = read_draft(uploaded_bytes, "docx")       # or "markdown", "text", "odt"
    if reading.ok:
        document = reading.document                    # titles > ... > articles > paragraphs
        reading.warnings                               # codes for the organiser to fix
    changes = document_diff(version_1, version_2, provenance={"a3.p1": [12, 40]})

Modules: `structure` (Unit, Document, position keys), `numbering` (recognising
"Article 1er", "TITRE II"…), `building` (blocks to document, warnings), one reader per
format (`markdown`, `plaintext`, `docx`, `odt`, dispatched by `reading`), `diff`
(word diff of two paragraphs), `document_diff` (two versions aligned, with provenance),
`republique_numerique` (the 2015 consultation's public dump).

The engine returns codes and values, never French sentences: the platform translates.
"""
