"""Co-drafting a text: the document model, draft readers and version diffs.

Pure Python (standard library only), no Django. Typical use::

    reading = read_draft(uploaded_bytes, "docx")       # or "markdown", "text", "odt"
    if reading.ok:
        document = reading.document                    # titles > ... > articles > paragraphs
        reading.warnings                               # codes for the organiser to fix
    changes = document_diff(version_1, version_2, provenance={"a3.p1": [12, 40]})

Modules: `structure` (Unit, Document, position keys), `numbering` (recognising
"Article 1er", "TITRE II"…), `building` (blocks to document, warnings), `problems`
(error and warning codes), one reader per format (`markdown`, `plaintext`, `docx`,
`odt`, dispatched by `reading`), `diff` (word diff of two paragraphs), `alignment`
(pairing units between versions), `document_diff` and `changes` (two versions compared,
with provenance), `republique_numerique` with its `_model` and `_draft` (the 2015
consultation's public dump, and the government's draft rebuilt from it), `decidim` with
its `_model` and `_comments` (a Decidim participatory text's proposals export, with its
amendments, and its comments export);
`odt_writer`
writes a text, or the changes between two versions, as ODT.

The engine returns codes and values, never French sentences: the platform translates.
"""

from concerto.engines import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    {
        "Block": "building",
        "Consultation": "republique_numerique_model",
        "DecidimComments": "decidim_model",
        "DecidimText": "decidim_model",
        "DiffOp": "diff",
        "Document": "structure",
        "DocumentDiff": "changes",
        "DraftImport": "republique_numerique_draft",
        "Heading": "numbering",
        "ParagraphChange": "changes",
        "Problem": "problems",
        "Reading": "problems",
        "Unit": "structure",
        "UnitChange": "changes",
        "build_document": "building",
        "document_diff": "document_diff",
        "draft_document": "republique_numerique_draft",
        "format_of": "reading",
        "load_decidim_comments": "decidim_comments",
        "load_decidim_text": "decidim",
        "load_republique_numerique": "republique_numerique",
        "read_docx": "docx",
        "read_draft": "reading",
        "read_markdown": "markdown",
        "read_odt": "odt",
        "read_plain_text": "plaintext",
        "recognise_heading": "numbering",
        "word_diff": "diff",
        "write_diff_odt": "odt_writer",
        "write_odt": "odt_writer",
    },
)
