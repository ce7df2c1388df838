#!/usr/bin/env python3
"""Writes docs/review.schema.json, the JSON Schema of review.yaml (draft-07, which
yaml-language-server understands). Kept as a script so the schema stays readable and
consistent; Tests/ReviewKitTests/SchemaTests checks it against the loader's keys."""
import json, pathlib, sys

def s(desc, **kw):
    return {"type": "string", "description": desc, **kw}

def num(desc, **kw):
    return {"type": "number", "description": desc, **kw}

def count(desc):
    return {"type": "integer", "minimum": 0, "description": desc}

def obj(desc, props, required=(), extra=False):
    o = {"type": "object", "description": desc, "properties": props, "additionalProperties": extra}
    if required:
        o["required"] = list(required)
    return o

cell = {"type": ["string", "number", "null"]}
rows = {"type": "array", "minItems": 1, "items": {"type": "object", "additionalProperties": cell}}
table = {"description": "A CSV path relative to the review file, or rows written inline.",
         "oneOf": [{"type": "string"}, rows]}
p_value = {"description": "A number, or a bound written as text such as \"< 0.00001\".",
           "oneOf": [{"type": "number", "minimum": 0, "maximum": 1}, {"type": "string", "pattern": "^\\s*[pP]?\\s*[<=]?\\s*[0-9.eE+-]+\\s*$"}]}
heterogeneity = obj("Heterogeneity as reported.", {
    "tau2": num("τ²", minimum=0), "Q": num("Cochran's Q (Chi²)"), "chi2": num("Alias of Q"),
    "df": num("Degrees of freedom"), "p": p_value, "I2": num("I² in percent", minimum=0, maximum=100)})
arm_counts = obj("Events and totals per arm.", {
    "experimental": count("Events, experimental arm"), "experimental_total": count("Total, experimental arm"),
    "control": count("Events, control arm"), "control_total": count("Total, control arm")},
    required=["experimental", "experimental_total", "control", "control_total"])
arms = obj("Labels of the two groups.", {"experimental": s("e.g. Ketamine"), "control": s("e.g. Placebo")})
def any_case(words):
    """The loader reads these ignoring case: the schema takes each word as written and in lower case."""
    return words + [w.lower() for w in words if w.lower() != w]


figure_id = s("A figure module id (see `metareport figures`).")
figures = {"type": "array", "description": "Figures to draw: an id, or an id with options.",
           "items": {"oneOf": [figure_id, {"type": "object", "minProperties": 1, "maxProperties": 1,
                                           "additionalProperties": {"type": ["object", "null"]}}]}}
given = obj("Results computed elsewhere, drawn as given (natural scale).", {
    "model": s("How the pooled rows were computed.", enum=["random", "common", "fixed"]),
    "method": s("The method named in the figure header, e.g. M-H, IV, Peto."),
    "studies": table,
    "pooled": {"type": "array", "items": obj("A pooled row: the overall result, or a subgroup's.", {
        "subgroup": s("The subgroup this row pools (omit for the overall result)."),
        "label": s("Row label, e.g. Subtotal."),
        "estimate": num("Pooled estimate (natural scale)"), "ci_lower": num("Lower 95% CI bound"),
        "ci_upper": num("Upper 95% CI bound"), "k": count("Number of studies"),
        "participants": count("Number of participants"), "events": arm_counts, "heterogeneity": heterogeneity,
        "test": obj("Test for the overall effect.", {"z": num("z"), "t": num("t"), "p": p_value})},
        required=["estimate", "ci_lower", "ci_upper"])},
    "subgroup_differences": heterogeneity})
analysis = obj("One analysis: an outcome, how to pool it, its data and figures.", {
    "id": s("Short name used in file names.", pattern="^[A-Za-z0-9][A-Za-z0-9._-]*$"),
    "title": s("The analysis title."),
    "outcome": s("The outcome label (default: the title)."),
    "unit": s("Unit of a continuous outcome."),
    "measure": s("Effect measure.", enum=any_case(["RR", "OR", "RD", "MD", "SMD", "GEN"])),
    "log_scale": {"type": "boolean", "description": "GEN only: the effect is a ratio analysed on the log scale."},
    "effect_label": s("GEN: what the effect is called, e.g. Hazard Ratio."),
    "method": s("Pooling method or random-effects τ² estimator; MH-DL is RevMan's M-H random effects.",
                enum=any_case(["IV", "FE", "MH", "PETO", "DL", "REML", "PM", "SJ", "HS", "ML", "EB", "MH-DL"])),
    "hksj": {"type": "boolean", "description": "Hartung–Knapp–Sidik–Jonkman CI (random effects)."},
    "double_zero": s("Studies with no events in either arm: exclude (RevMan) or include (metafor).",
                     enum=["exclude", "include"]),
    "compatibility": s("Whose conventions to follow where they differ: metafor (default) or revman (Review Manager 5).",
                       enum=["metafor", "revman"]),
    "subgroup": s("Data column with each study's subgroup."),
    "moderator": s("Numeric data column for meta-regression."),
    "order": s("Data column ordering the cumulative meta-analysis."),
    "arms": arms,
    "favours": {"description": "Labels under the left and right of the axis.",
                "oneOf": [{"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2},
                          obj("", {"left": s("Left label"), "right": s("Right label")}, required=["left", "right"])]},
    "figures": figures,
    "data": table,
    "results": given},
    required=["id", "title", "measure"])
analysis["oneOf"] = [{"required": ["data"]}, {"required": ["results"]}]
judgement = {"type": ["string", "null"], "description": "Low, Some concerns, Unclear, Moderate, High, Serious, Critical, No information, +, -, ?; empty = not applicable."}
rob = obj("The risk-of-bias assessment.", {
    "tool": s("The tool.", enum=any_case(["ROB2", "ROB2-cluster", "ROB1", "ROBINS-I", "ROBINS-E", "QUADAS-2", "QUIPS", "generic"])),
    "data": s("A CSV in robvis's layout: study, the domains in order, overall, optional weight."),
    "studies": {"type": "array", "items": obj("One study's judgements.", {
        "study": s("Study label"), "judgements": {"type": "array", "items": judgement},
        "overall": judgement, "weight": num("Weight for the summary plot", minimum=0)},
        required=["study", "judgements"])},
    "domains": {"type": "array", "items": {"type": "string"}, "description": "Generic tool: the domain names."},
    "analysis": s("Weight the summary plot by this analysis's study weights.")},
    required=["tool"])
levels = {"oneOf": [{"type": "integer", "minimum": 0, "maximum": 2},
                    {"type": "string", "enum": ["no", "not serious", "serious", "very serious"]}]}
domains = ["risk_of_bias", "inconsistency", "indirectness", "imprecision", "publication_bias"]
effect = lambda d: obj(d, {"measure": s("RR, OR, HR, MD, SMD, RD…"), "estimate": num("Estimate"),
                           "ci_lower": num("Lower 95% CI bound"), "ci_upper": num("Upper 95% CI bound"),
                           "unit": s("Unit of an absolute effect")}, required=["measure", "estimate", "ci_lower", "ci_upper"])
sof = obj("The GRADE summary of findings.", {
    "title": s("Table title"), "population": s("Patient or population"), "setting": s("Setting"),
    "intervention": s("Intervention"), "comparison": s("Comparison"),
    "outcomes": {"type": "array", "items": obj("One outcome row.", {
        "outcome": s("Outcome"), "analysis": s("Analysis id to take numbers from"),
        "follow_up": s("Follow-up"), "studies": count("Number of studies"), "participants": count("Participants"),
        "events": arm_counts, "relative": effect("Relative effect (ratio) with 95% CI."),
        "absolute": effect("Absolute effect for continuous outcomes."),
        "comparator_risk_per_1000": {"description": "Assumed risk with the comparator, per 1000.",
                                     "oneOf": [num("", minimum=0, maximum=1000), {"type": "array", "items": num("", minimum=0, maximum=1000)}]},
        "certainty": s("GRADE certainty (omit to have it proposed).", enum=["high", "moderate", "low", "very low", "very_low"]),
        "downgrades": obj("Levels rated down per domain.", {d: levels for d in domains}),
        "upgrades": count("Levels rated up"),
        "footnotes": obj("Reasons, per domain.", {d: s("Footnote") for d in domains}),
        "reasons_not_reported": s("Why no reasons for rating down are given (the source does not report them); shown as the certainty's explanation", minLength=1),
        "comment": s("Comment")}, required=["outcome"])}},
    required=["outcomes"])
counts = {"oneOf": [count("A total"), {"type": "object", "additionalProperties": count("A count")}]}
prisma = obj("PRISMA 2020 flow counts.", {
    "previous": obj("Updated reviews: studies and reports of the previous version.",
                    {"studies": count("Studies"), "reports": count("Reports")}, required=["studies"]),
    "identification": obj("Records identified.", {"databases": counts, "registers": counts}),
    "removed_before_screening": obj("Records removed before screening.", {
        "duplicates": count("Duplicates"), "automation": count("Marked ineligible by automation tools"),
        "other": count("Removed for other reasons")}),
    "screened": count("Records screened"), "excluded_screening": count("Records excluded"),
    "sought": count("Reports sought for retrieval"), "not_retrieved": count("Reports not retrieved"),
    "assessed": count("Reports assessed for eligibility"),
    "excluded_reports": {"type": "object", "additionalProperties": count("Reports excluded for this reason")},
    "other_methods": obj("Identification via other methods.", {
        "identified": counts, "sought": count("Reports sought"), "not_retrieved": count("Not retrieved"),
        "assessed": count("Assessed"), "excluded_reports": {"type": "object", "additionalProperties": count("")}}),
    "included_studies": count("Studies included in the review"),
    "included_reports": count("Reports of included studies"),
    "meta_analysis_studies": count("Studies included in the meta-analysis"),
    "acknowledge_inconsistencies": s("Why the counts do not add up (e.g. a paper's own numbers): the arithmetic problems become notes, and the diagram's note gives this reason", minLength=1)})
schema = obj("A metareport review file.", {
    "title": s("The review's title."),
    "authors": {"type": "array", "items": {"type": "string"}},
    "date": s("Free text; quote it."),
    "theme": s("cochrane, jama, bmj, lancet, colourblind, grayscale, or a path to a theme file."),
    "summary": s("A paragraph of plain text."),
    "arms": arms,
    "analyses": {"type": "array", "items": analysis},
    "risk_of_bias": rob, "summary_of_findings": sof, "prisma": prisma,
    "characteristics": table,
    "figures": {**figures, "description": "Options of the review-wide figures (prisma-flow, rob-traffic-light, rob-summary)."}},
    required=["title"])
schema = {"$schema": "http://json-schema.org/draft-07/schema#",
          "$id": "https://github.com/metareport/metareport/docs/review.schema.json",
          "title": "metareport review file", **schema}
out = pathlib.Path(__file__).resolve().parent.parent / "docs" / "review.schema.json"
text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
if "--check" in sys.argv:
    # The committed schema must be exactly what this script writes.
    if out.read_text() != text:
        print(f"{out} is out of date: run scripts/make-schema.py", file=sys.stderr)
        sys.exit(1)
    print(f"{out} is up to date")
else:
    out.write_text(text)
    print(out)
