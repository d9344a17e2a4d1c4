"""The one CSV reader every import uses: encodings, separators, field counts by line."""

import csv

import pytest

from concerto.csvreading import (
    MAX_CELL,
    CsvReader,
    CsvRefused,
    detect_delimiter,
    detect_encoding,
)


def read(data: bytes, **kwargs) -> tuple[CsvReader, list]:
    reader = CsvReader(data, max_rows=kwargs.pop("max_rows", 100), **kwargs)
    return reader, list(reader)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("nom\nCafé\n".encode(), "UTF-8"),
        ("\ufeffnom\nCafé\n".encode(), "UTF-8"),
        ("nom\nL’œuvre à 5 €\n".encode("cp1252"), "Windows-1252"),
        (b"nom\nCaf\xe9 \x81\n", "ISO-8859-1"),
    ],
)
def test_the_encoding_is_found(data, encoding):
    assert detect_encoding(data) == encoding


def test_a_declared_latin_1_file_keeps_its_name_and_reads_windows_1252_signs():
    reader, rows = read("nom\nL’œuvre\n".encode("cp1252"), encoding="ISO-8859-1")
    assert (reader.encoding, rows[0].cells) == ("ISO-8859-1", ["L’œuvre"])


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2;3\n", ";"),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ('id;texte\n1;"Oui, mais, non"\n2;"Non, oui"\n', ";"),
        ("adresse\n12 rue de la Paix, Paris\n", ","),
        ("adresse\n12 rue de la Paix\n", ","),
    ],
)
def test_the_separator_is_found(text, delimiter):
    assert detect_delimiter(text) == delimiter


def test_rows_carry_their_starting_line_and_wrong_field_counts_in_french():
    data = b'a,b\n1,2\n\n"trois\nlignes\nici",4\n5,6,7\n8\n'
    reader, rows = read(data)
    assert reader.header == ["a", "b"]
    assert [(row.line, row.index, row.cells, row.error) for row in rows] == [
        (2, 1, ["1", "2"], ""),
        (4, 2, ["trois\nlignes\nici", "4"], ""),
        (7, 3, ["5", "6", "7"],
         "2 colonnes attendues, 3 trouvées (une virgule dans un texte doit être entre "
         "guillemets)."),
        (8, 4, ["8"],
         "2 colonnes attendues, 1 trouvée (une virgule dans un texte doit être entre "
         "guillemets)."),
    ]  # fmt: skip
    assert rows[2].labelled_error.startswith("Ligne 7 : 2 colonnes attendues")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Le fichier est vide."),
        (b" , \n1,2\n", "Le fichier est vide."),
        (b'a,b\n1,"2\n', "Ligne 2 : un guillemet ouvert sur cette ligne n'est jamais refermé."),
        (b'a,b\n1,"2"x\n',
         "Ligne 2 : un guillemet fermant est suivi d'autre chose qu'un séparateur."),
        (b"a,b\n1,2\n3,4\n5,6\n",
         "Le fichier compte plus de 2 lignes, la limite d'un import : découpez-le en "
         "plusieurs fichiers."),
    ],
)  # fmt: skip
def test_unreadable_files_are_refused_with_a_reason(data, message):
    with pytest.raises(CsvRefused) as refused:
        read(data, max_rows=2)
    assert refused.value.errors == [message]


def test_the_digest_is_the_content_whatever_the_encoding_separator_or_quoting():
    first, _ = read("nom,ville\nRené,Brest\n".encode())
    second, _ = read('"nom";"ville"\r\n"René";Brest\r\n\r\n'.encode("cp1252"))
    other, _ = read("nom,ville\nRené,Quimper\n".encode())
    assert first.digest == second.digest != other.digest


def test_a_cell_over_the_limit_is_refused_whatever_the_csv_module_allows():
    """Libraries raise the csv module's process-wide limit when they load (frictionless
    sets it to 2**31 - 2): the reader checks its own."""
    previous = csv.field_size_limit(2**31 - 2)
    try:
        data = b"id,nom\n1,ok\n2," + b"a" * (MAX_CELL + 1) + b"\n"
        with pytest.raises(CsvRefused) as refused:
            CsvReader(data, max_rows=10).rows()
        assert refused.value.errors == ["Ligne 3 : une valeur dépasse 131072 caractères."]
    finally:
        csv.field_size_limit(previous)
