"""Label selectors (apimachinery labels.Parse) and field selectors (fields.ParseSelector and the
kinds' field label conversions), with their exact error texts."""
from __future__ import annotations

import pytest

from sandbox.sim.apiserver.selectors import (SelectorError, label_selector_as_selector, parse_field_selector,
                                             parse_label_selector, selectable_fields)

LABELS = {"app": "web", "tier": "frontend", "version": "3"}


@pytest.mark.parametrize("selector,matches", [
    ("", True), ("app=web", True), ("app==web", True), ("app!=web", False), ("app!=db", True),
    ("app in (web,db)", True), ("app notin (web)", False), ("missing notin (x)", True), ("app", True),
    ("!app", False), ("!missing", True), ("app=web,tier=backend", False), ("  app = web , tier ", True),
    ("version>2", True), ("version<3", False), ("tier in (in)", False), ("app=", False),
])
def test_it_matches_labels_as_apimachinery(selector, matches):
    assert parse_label_selector(selector).matches(LABELS) is matches


def test_it_prints_a_selector_sorted_by_key():
    assert str(parse_label_selector("z=1,a in (y,x),!b")) == "a in (x,y),!b,z=1"


@pytest.mark.parametrize("selector,message", [
    ("app web", "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt"),
    ("a=b c", "found 'c', expected: ',' or 'end of string'"),
    ("a,", "found '', expected: identifier after ','"),
    ("=a", "found '=', expected: !, identifier, or 'end of string'"),
    ("app in (a,b", "unable to parse requirement: found '', expected: ',' or ')'"),
    ("app in a", "unable to parse requirement: found 'a' expected: '('"),
    ("!a=b", "found '=', expected: ',' or 'end of string'"),
    ("app=-x", 'unable to parse requirement: values[0][app]: Invalid value: "-x": a valid label must be an empty '
               "string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
               "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
               "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
    ("a>b", "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must "
            "be an integer"),
])
def test_it_words_label_selector_errors_as_labels_parse(selector, message):
    with pytest.raises(SelectorError) as caught:
        parse_label_selector(selector)
    assert str(caught.value) == message


def test_it_converts_a_label_selector_object():
    selector = label_selector_as_selector({"matchLabels": {"app": "web"},
                                           "matchExpressions": [{"key": "tier", "operator": "In",
                                                                 "values": ["frontend", "edge"]}]})
    assert str(selector) == "app=web,tier in (edge,frontend)" and selector.matches(LABELS)
    assert label_selector_as_selector({}).matches({}) and not label_selector_as_selector(None).matches({})
    with pytest.raises(SelectorError) as caught:
        label_selector_as_selector({"matchExpressions": [{"key": "a", "operator": "Equals"}]})
    assert str(caught.value) == '"Equals" is not a valid label selector operator'
    with pytest.raises(SelectorError) as caught:
        label_selector_as_selector({"matchExpressions": [{"key": "a", "operator": "In", "values": []}]})
    assert str(caught.value) == "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"


POD = {"kind": "Pod", "metadata": {"name": "web", "namespace": "default"},
       "spec": {"nodeName": "node01", "restartPolicy": "Always", "schedulerName": "default-scheduler",
                "serviceAccountName": "default"},
       "status": {"phase": "Running", "podIP": "10.244.1.5", "podIPs": [{"ip": "10.244.1.5"}]}}


@pytest.mark.parametrize("selector,matches", [
    ("status.phase=Running", True), ("status.phase!=Running", False), ("spec.nodeName==node01", True),
    ("metadata.name=web,metadata.namespace=default", True), ("status.podIP=10.244.1.5", True),
    ("spec.nodeName=", False), ("spec.restartPolicy=Never", False), ("spec.host=node01", True),
])
def test_it_selects_pods_by_field(selector, matches):
    assert parse_field_selector(selector, "pods").matches(selectable_fields(POD)) is matches


def test_it_selects_events_by_involved_object_and_reason():
    event = {"kind": "Event", "metadata": {"name": "e", "namespace": "default"}, "reason": "BackOff",
             "type": "Warning", "source": {"component": "kubelet"},
             "involvedObject": {"kind": "Pod", "name": "web", "namespace": "default"}}
    selector = parse_field_selector("involvedObject.name=web,reason=BackOff,source=kubelet,type=Warning", "Event")
    assert selector.matches_object(event)


@pytest.mark.parametrize("selector,kind,message", [
    ("foo=bar", "Pod", "field label not supported: foo"),
    ("involvedObject.name=web", "Pod", "field label not supported: involvedObject.name"),
    ("spec.nodeName=x", "Event", "field label not supported: spec.nodeName"),
    ("status.phase", "Pod", "invalid selector: 'status.phase'; can't understand 'status.phase'"),
    ("a=b=c", "Pod", "invalid field selector: unescaped character in value: 61"),
    ("a=b\\x", "Pod", "invalid field selector: invalid escape sequence: \\x"),
])
def test_it_words_field_selector_errors_as_the_api_server(selector, kind, message):
    with pytest.raises(SelectorError) as caught:
        parse_field_selector(selector, kind)
    assert str(caught.value) == message
