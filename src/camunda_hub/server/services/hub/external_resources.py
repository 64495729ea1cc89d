"""Whether a snapshot's BPMN processes reference resources the snapshot does not contain.

What counts as a reference (Zeebe extension elements, namespace ``http://camunda.org/schema/
zeebe/1.0``) and what provides it inside the snapshot:

- forms: ``zeebe:formDefinition formId="x"`` ← a form file whose JSON ``id`` is ``x``
  (``formKey`` and ``externalReference`` point at forms outside Camunda's form files, and
  embedded ``zeebe:userTaskForm`` forms live in the BPMN itself: neither is a form resource);
- call activities: ``zeebe:calledElement processId="x"`` ← a BPMN file with a ``process`` of
  id ``x``;
- business rule tasks: ``zeebe:calledDecision decisionId="x"`` ← a DMN file with a
  ``decision`` of id ``x``;
- RPA: ``zeebe:linkedResource resourceType="RPA" resourceId="x"`` (how a task links an RPA
  script) ← an RPA file whose JSON ``id`` is ``x``.

An id given as a FEEL expression (``=…``) is decided at run time and cannot be found in the
snapshot, so it counts as external. A file that cannot be parsed contributes nothing.

XML is parsed by ``xml_scan`` (hardened expat: no document type declarations, so no entity
expansion and no external entities)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from camunda_hub.server.services.hub import xml_scan

ZEEBE = "http://camunda.org/schema/zeebe/1.0"


@dataclass(frozen=True)
class ExternalResources:
    forms: bool
    call_activities: bool
    business_rule_tasks: bool
    rpa: bool


@dataclass
class _Model:
    processes: set[str] = field(default_factory=set)
    decisions: set[str] = field(default_factory=set)
    form_refs: set[str] = field(default_factory=set)
    process_refs: set[str] = field(default_factory=set)
    decision_refs: set[str] = field(default_factory=set)
    rpa_refs: set[str] = field(default_factory=set)


def _scan_xml(content: str, model: _Model) -> None:
    found = _Model()

    def start(namespace: str, local: str, attributes: dict[str, str]) -> None:
        if namespace == ZEEBE:
            if local == "formDefinition" and "formId" in attributes:
                found.form_refs.add(attributes["formId"])
            elif local == "calledElement" and "processId" in attributes:
                found.process_refs.add(attributes["processId"])
            elif local == "calledDecision" and "decisionId" in attributes:
                found.decision_refs.add(attributes["decisionId"])
            elif (
                local == "linkedResource"
                and attributes.get("resourceType", "").upper() == "RPA"
                and "resourceId" in attributes
            ):
                found.rpa_refs.add(attributes["resourceId"])
        elif local == "process" and "id" in attributes:
            found.processes.add(attributes["id"])
        elif local == "decision" and "id" in attributes:
            found.decisions.add(attributes["id"])

    if not xml_scan.scan(content, start):
        return
    model.processes |= found.processes
    model.decisions |= found.decisions
    model.form_refs |= found.form_refs
    model.process_refs |= found.process_refs
    model.decision_refs |= found.decision_refs
    model.rpa_refs |= found.rpa_refs


def _json_id(content: str) -> str | None:
    try:
        document = json.loads(content)
    except (ValueError, RecursionError):
        return None
    if isinstance(document, dict) and isinstance(document.get("id"), str):
        return str(document["id"])
    return None


def _external(references: set[str], provided: set[str]) -> bool:
    return any(ref.startswith("=") or ref not in provided for ref in references)


# The file types whose content the analysis reads (the others need not be loaded).
READ_TYPES = frozenset({"bpmn", "dmn", "form", "rpa"})


@dataclass
class Analysis:
    """The analysis of a snapshot's files, fed a batch at a time (``add``)."""

    model: _Model = field(default_factory=_Model)
    forms: set[str] = field(default_factory=set)
    rpa: set[str] = field(default_factory=set)

    def add(self, files: Iterable[tuple[str, str]]) -> None:
        """``files``: (type, content) of captured files."""
        for file_type, content in files:
            if file_type in ("bpmn", "dmn"):
                _scan_xml(content, self.model)
            elif file_type in ("form", "rpa"):
                identifier = _json_id(content)
                if identifier is not None:
                    (self.forms if file_type == "form" else self.rpa).add(identifier)

    def result(self) -> ExternalResources:
        model = self.model
        return ExternalResources(
            forms=_external(model.form_refs, self.forms),
            call_activities=_external(model.process_refs, model.processes),
            business_rule_tasks=_external(model.decision_refs, model.decisions),
            rpa=_external(model.rpa_refs, self.rpa),
        )


def analyse(files: Iterable[tuple[str, str]]) -> ExternalResources:
    """``files``: (type, content) of every file the snapshot captured."""
    analysis = Analysis()
    analysis.add(files)
    return analysis.result()
