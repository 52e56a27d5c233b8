#!/usr/bin/env python3
"""Regenerates docs/kamelets.md and the README's "Kamelet properties" table from
src/main/resources/kamelets/*.kamelet.yaml (needs PyYAML). KameletCatalogTest fails when a Kamelet property is
missing from either: run this after changing a Kamelet."""
import glob, os, yaml

root = os.path.join(os.path.dirname(__file__), "..")


def fmt(v):
    """A default as YAML writes it (true, not Python's True)."""
    return str(v).lower() if isinstance(v, bool) else str(v)


out = ["# Kamelets", "",
       "Every connector is a Kamelet, usable from any YAML route as `kamelet:<name>` with the parameters below.",
       "Generated from `src/main/resources/kamelets/` by `scripts/kamelet-docs.py`; do not edit by hand.", ""]
files = sorted(glob.glob(os.path.join(root, "src/main/resources/kamelets/*.kamelet.yaml")))
out.append("| Kamelet | type | what it does |")
out.append("|---|---|---|")
docs = []
glance = ["| Kamelet | required | optional (default) |", "|---|---|---|"]
for f in files:
    k = yaml.safe_load(open(f, encoding="utf-8"))
    name = k["metadata"]["name"]
    d = k["spec"]["definition"]
    kind = k["metadata"]["labels"]["camel.apache.org/kamelet.type"]
    first = " ".join(d.get("description", "").split()).split(". ")[0].rstrip(".") + "."
    out.append(f"| [`{name}`](#{name}) | {kind} | {first} |")
    req = d.get("required", []) or []
    sec = [f"## {name}", "", d.get("description", "").strip(), "",
           "| property | type | required | default | description |", "|---|---|---|---|---|"]
    for p, spec in d.get("properties", {}).items():
        default = spec.get("default", "")
        default = f"`{fmt(default)}`" if "default" in spec else ""
        secret = " (secret)" if spec.get("format") == "password" else ""
        desc = " ".join(str(spec.get("description", "")).split())
        if "enum" in spec:
            desc += " One of: " + ", ".join(f"`{e}`" for e in spec["enum"]) + "."
        sec.append(f"| `{p}` | {spec.get('type', '')}{secret} | {'yes' if p in req else 'no'} | {default} | {desc} |")
    docs.append("\n".join(sec))
    opt = []
    for p, spec in d.get("properties", {}).items():
        if p in req:
            continue
        opt.append(f"`{p}`" + (f" ({fmt(spec['default'])})" if "default" in spec and spec["default"] != "" else ""))
    glance.append(f"| [`{name}`](docs/kamelets.md#{name}) | {', '.join(f'`{r}`' for r in req) or '—'} | {', '.join(opt)} |")
out.append("")
print("\n".join(out) + "\n" + "\n\n".join(docs) + "\n", end="", file=open(os.path.join(root, "docs/kamelets.md"), "w", encoding="utf-8"))

readme_path = os.path.join(root, "README.md")
readme = open(readme_path, encoding="utf-8").read()
begin, end = "<!-- kamelets:begin -->", "<!-- kamelets:end -->"
i, j = readme.index(begin) + len(begin), readme.index(end)
readme = readme[:i] + "\n" + "\n".join(glance) + "\n" + readme[j:]
open(readme_path, "w", encoding="utf-8").write(readme)
