"""The parsers of caller-supplied models and READMEs refuse what could make them expensive or
reach outside: DTDs and entities in BPMN/DMN (one hardened module for every XML parse), anchors,
aliases and merge keys in YAML front matter; and property tests that no input makes them fail
other than with their documented refusal."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from camunda_hub.server.errors import InvalidInput
from camunda_hub.server.services.hub import (
    catalog_ingestion,
    catalog_usage,
    external_resources,
    front_matter,
    xml_scan,
)
from camunda_hub.server.services.hub.catalog_ingestion import Part

ZEEBE = "http://camunda.org/schema/zeebe/1.0"
BPMN = (
    f'<definitions xmlns:zeebe="{ZEEBE}"><process id="p">'
    '<serviceTask id="t" zeebe:modelerTemplate="tpl" zeebe:modelerTemplateVersion="3"/>'
    "</process></definitions>"
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    f'<definitions xmlns:zeebe="{ZEEBE}"><process id="&b;"/></definitions>'
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    "<definitions>&x;</definitions>"
)


def test_every_xml_parse_goes_through_the_hardened_module() -> None:
    assert catalog_usage.template_versions(BPMN) == {"tpl": {3}}
    for hostile in (LAUGHS, EXTERNAL):
        assert catalog_usage.template_versions(hostile) == {}
        assert not xml_scan.scan(hostile, lambda *_: None)
    found = external_resources.analyse([("bpmn", LAUGHS)])
    assert not found.call_activities
    assert not xml_scan.scan("<a>" + "x" * (xml_scan.MAX_BYTES + 1) + "</a>", lambda *_: None)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_xml_scanning_never_fails_on_any_text(content: str) -> None:
    catalog_usage.template_versions(content)
    external_resources.analyse([("bpmn", content), ("dmn", content), ("form", content)])


def _readme(block: str) -> str:
    return f"---\n{block}\n---\n# body\n"


@pytest.mark.parametrize(
    "block",
    [
        "template: &t a.json\ncategory: *t",
        "base: &b {template: a.json}\n<<: *b",
        "<<: {template: a.json}",
        "template: a.json\ntags: &x [a]",
    ],
)
def test_front_matter_refuses_anchors_aliases_and_merge_keys(block: str) -> None:
    with pytest.raises(InvalidInput, match="not valid YAML"):
        front_matter.parse(_readme(block), "readme[0]")


def test_plain_front_matter_still_parses() -> None:
    matter = front_matter.parse(_readme("template: a.json\ntags: [x, y]"), "readme[0]")
    assert matter.template == "a.json" and matter.tags == ("x", "y")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_front_matter_fails_only_with_invalid_input(block: str) -> None:
    with contextlib.suppress(InvalidInput):  # the one refusal it may answer with
        front_matter.parse(_readme(block), "readme[0]")


_PART = st.builds(
    Part,
    st.one_of(st.none(), st.text(max_size=20)),
    st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(lambda t: ("---\n" + t + "\n---\n").encode()),
        st.just(b'{"id": "x", "name": "n", "version": 1}'),
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PART, max_size=4), st.lists(_PART, max_size=4))
def test_multipart_ingestion_fails_only_with_invalid_input(
    readmes: list[Part], templates: list[Part]
) -> None:
    with contextlib.suppress(InvalidInput):  # the one refusal it may answer with
        catalog_ingestion.assemble(readmes, templates)
