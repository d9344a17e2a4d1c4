#!/usr/bin/env bash
# `make audit`: pip-audit on every locked dependency (uv.lock, all groups).
# Exits 1 when one of them has a known vulnerability; 0 with a warning when the advisory
# service could not be reached or checked nothing (offline, mirror without advisories):
# the audit is then not done, and says so; 2 on any other failure.
# PIP_AUDIT replaces the pip-audit command (the tests give a stand-in).
set -uo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-$(command -v uv || echo "$HOME/.local/bin/uv")}
PIP_AUDIT=${PIP_AUDIT:-"$UV run --frozen --quiet pip-audit"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! "$UV" export --frozen --quiet --no-hashes --no-emit-project --all-groups \
  >"$work/requirements.txt"; then
  echo "audit : impossible d'exporter les dépendances verrouillées (uv.lock)" >&2
  exit 2
fi

# --no-deps and --disable-pip: the export pins every dependency, nothing is resolved again.
$PIP_AUDIT --requirement "$work/requirements.txt" --disable-pip --no-deps \
  --progress-spinner off --format json --output "$work/report.json" >"$work/log" 2>&1
status=$?

"$UV" run --frozen --quiet python - "$work/report.json" "$work/log" "$status" <<'EOF'
import json
import re
import sys

report_path, log_path, status = sys.argv[1], sys.argv[2], int(sys.argv[3])
log = open(log_path, encoding="utf-8", errors="replace").read()
try:
    with open(report_path, encoding="utf-8") as file:
        dependencies = json.load(file)["dependencies"]
except (OSError, ValueError, KeyError):
    dependencies = None

UNREACHABLE = re.compile(
    r"ConnectionError|ConnectTimeout|ReadTimeout|Max retries exceeded|NameResolutionError"
    r"|Temporary failure in name resolution|Network is unreachable|timed out"
    r"|HTTPSConnectionPool|ServiceError|SSLError"
)
if dependencies is None:
    if UNREACHABLE.search(log):
        print("avertissement : service d'avis de sécurité injoignable, audit non fait :")
        print("  " + UNREACHABLE.search(log).group(0))
        sys.exit(0)
    print(log, file=sys.stderr)
    print(f"audit : pip-audit a échoué (code {status})", file=sys.stderr)
    sys.exit(2)

vulnerable = [dependency for dependency in dependencies if dependency.get("vulns")]
checked = [dependency for dependency in dependencies if "skip_reason" not in dependency]
skipped = [dependency for dependency in dependencies if "skip_reason" in dependency]
if vulnerable:
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            names = ", ".join([vuln["id"], *vuln.get("aliases", [])])
            fixes = ", ".join(vuln.get("fix_versions", [])) or "aucune version corrigée"
            print(f"{dependency['name']} {dependency['version']} : {names} (corrigé : {fixes})")
    count = sum(len(dependency["vulns"]) for dependency in vulnerable)
    print(f"audit : {count} vulnérabilité(s) connue(s) dans {len(vulnerable)} dépendance(s)")
    sys.exit(1)
if not checked:
    print(
        f"avertissement : le service d'avis de sécurité n'a vérifié aucune des "
        f"{len(skipped)} dépendances, audit non fait ("
        + (skipped[0]["skip_reason"] if skipped else "aucune dépendance")
        + ")"
    )
    sys.exit(0)
print(f"audit : aucune vulnérabilité connue dans les {len(checked)} dépendances vérifiées")
if skipped:
    print(f"  non vérifiées ({len(skipped)}) : " + ", ".join(d["name"] for d in skipped))
EOF
