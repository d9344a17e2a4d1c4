"""Whose address a request comes from: X-Forwarded-For believed only from a trusted proxy."""

import pytest
from django.test import RequestFactory, override_settings

from concerto.clientaddress import client_address


def request(remote="203.0.113.5", forwarded=None):
    headers = {"REMOTE_ADDR": remote} if remote is not None else {}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    built = RequestFactory().get("/", **headers)
    if remote is None:
        del built.META["REMOTE_ADDR"]
    return built


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_address(request(forwarded="198.51.100.7")) == "203.0.113.5"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_request_not_from_a_proxy_is_not_believed_either():
    assert client_address(request(forwarded="198.51.100.7")) == "203.0.113.5"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("198.51.100.7", "198.51.100.7"),
        # What the client wrote itself is left of what the proxies appended.
        ("6.6.6.6, 198.51.100.7", "198.51.100.7"),
        ("6.6.6.6, 198.51.100.7, 10.1.2.3", "198.51.100.7"),
        (" 198.51.100.7 ,10.1.2.3", "198.51.100.7"),
        # Only proxies: the farthest one is as near the client as we know.
        ("10.9.9.9, 10.1.2.3", "10.9.9.9"),
        # Garbage a proxy passed on stops the walk at the last proxy.
        ("198.51.100.7, not-an-address, 10.1.2.3", "10.1.2.3"),
        ("", "10.0.0.2"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_the_nearest_untrusted_hop_is_the_client(forwarded, expected):
    assert client_address(request(remote="10.0.0.2", forwarded=forwarded)) == expected


@override_settings(TRUSTED_PROXIES=["10.0.0.2"])
def test_without_the_header_the_proxy_is_the_client():
    assert client_address(request(remote="10.0.0.2")) == "10.0.0.2"


def test_no_socket_address_is_none():
    assert client_address(request(remote=None)) is None
    assert client_address(request(remote="unix:socket")) is None
