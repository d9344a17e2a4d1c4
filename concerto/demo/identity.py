"""The demo's ProConnect and FranceConnect: real OpenID Connect providers on loopback
(concerto/testing/oidc.py) whose sign-in page lets the visitor choose who to be, so that
`make run` shows the identity journeys (sign-in, linking to a demo account, sign-out)
without the real services, which only accept registered, public addresses.

`make run` starts them (`concerto demo_identity_providers`) and points the platform at
them through the environment (PROCONNECT_* and FRANCECONNECT_*, DEMO_IDENTITY_PROVIDERS=1
for the notice on the sign-in page).
"""

from concerto.testing.oidc import LoopbackProvider, discovery_url, issuer

PROCONNECT_PORT_OFFSET, FRANCECONNECT_PORT_OFFSET = 0, 1

# ProConnect vouches for agents: the demo's agent and referent (their accounts exist, the
# identity is linked at the first sign-in), and an agent the platform does not know yet.
PROCONNECT_IDENTITIES = [
    {
        "label": "David Moreau — agent (DGALN), compte de démonstration",
        "sub": "demo-pc-david-moreau", "email": "agent.ecologie@exemple.gouv.fr",
        "given_name": "David", "usual_name": "Moreau", "uid": "demo-1",
        "siret": "11000201100044",
    },
    {
        "label": "Claire Dubois — référente du ministère de la Transition écologique",
        "sub": "demo-pc-claire-dubois", "email": "referente.ecologie@exemple.gouv.fr",
        "given_name": "Claire", "usual_name": "Dubois", "uid": "demo-2",
        "siret": "11000201100044",
    },
    {
        "label": "Louise Garcia — agente sans compte sur Concerto",
        "sub": "demo-pc-louise-garcia", "email": "louise.garcia@exemple.gouv.fr",
        "given_name": "Louise", "usual_name": "Garcia", "uid": "demo-3",
        "siret": "11000201100044",
    },
]  # fmt: skip
FRANCECONNECT_IDENTITIES = [
    {
        "label": "Gabrielle Roux — citoyenne, compte de démonstration",
        "sub": "demo-fc-gabrielle-roux", "email": "citoyenne@exemple.fr",
        "given_name": "Gabrielle", "family_name": "Roux",
    },
    {
        "label": "Hugo Lambert — citoyen sans compte sur Concerto",
        "sub": "demo-fc-hugo-lambert", "email": "hugo.lambert@exemple.fr",
        "given_name": "Hugo", "family_name": "Lambert",
    },
]  # fmt: skip
CLIENTS = {
    "proconnect": ("concerto-demo-proconnect", "demo-proconnect-secret"),
    "franceconnect": ("concerto-demo-franceconnect", "demo-franceconnect-secret"),
}


def providers() -> tuple[LoopbackProvider, LoopbackProvider]:
    proconnect = LoopbackProvider(
        "proconnect", client_id=CLIENTS["proconnect"][0], client_secret=CLIENTS["proconnect"][1],
        userinfo_jwt=True, demo_identities=PROCONNECT_IDENTITIES, label="ProConnect",
    )  # fmt: skip
    franceconnect = LoopbackProvider(
        "franceconnect", client_id=CLIENTS["franceconnect"][0],
        client_secret=CLIENTS["franceconnect"][1], userinfo_jwt=False,
        demo_identities=FRANCECONNECT_IDENTITIES, label="FranceConnect",
    )  # fmt: skip
    return proconnect, franceconnect


def environment(port: int) -> dict[str, str]:
    """The settings the platform reads to use the demo providers started on `port`."""
    variables = {"DEMO_IDENTITY_PROVIDERS": "1"}
    for name, offset in (("proconnect", PROCONNECT_PORT_OFFSET),
                         ("franceconnect", FRANCECONNECT_PORT_OFFSET)):  # fmt: skip
        prefix = name.upper()
        variables[f"{prefix}_DISCOVERY_URL"] = discovery_url(issuer(name, port + offset))
        variables[f"{prefix}_CLIENT_ID"], variables[f"{prefix}_CLIENT_SECRET"] = CLIENTS[name]
    return variables
