"""Rich text read as plain text keeps its words apart (issue 24: search excerpts read
"Les étapesDéfinir la population")."""

from concerto.plaintext import html_to_line, html_to_text


def test_block_boundaries_separate_words():
    value = "<h2>Les étapes</h2><p>Définir la population</p><ul><li>un</li><li>deux</li></ul>"
    assert html_to_line(value) == "Les étapes Définir la population un deux"
    assert html_to_text(value) == "Les étapes\nDéfinir la population\nun\ndeux"


def test_inline_tags_do_not_split_words_and_entities_are_read():
    assert html_to_line("<p>Con<b>cer</b>tation &amp; <i>suite</i>&nbsp;!</p>") == (
        "Concertation & suite !"
    )
    assert html_to_text("<p>a</p>\n\n  <p>b<br>c</p>") == "a\nb\nc"
    assert html_to_text("") == ""
