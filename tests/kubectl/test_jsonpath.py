"""``-o jsonpath=...`` (sandbox/kubectl/jsonpath): outputs recorded from the real kubectl 1.32.5.

Every expected value below is what ``kubectl label -f pod.json --local a- -o jsonpath=TEMPLATE``
printed for POD (stdout, or the stderr message after ``error: ``), with the default
``--allow-missing-template-keys=true`` unless a case says otherwise.
"""
from __future__ import annotations

import pytest

from sandbox.kubectl.jsonpath import JsonPathError, evaluate, relaxed_expression
from sandbox.kubectl.jsonpath.gofmt import go_syntax

POD = {"apiVersion": "v1", "kind": "Pod",
       "metadata": {"name": "x", "labels": {"app": "web", "tier": "fe"}, "annotations": {"a.b/c": "dotted"}},
       "spec": {"containers": [{"name": "c1", "image": "nginx", "ports": [{"containerPort": 80}]},
                               {"name": "c2", "image": "busybox"}]},
       "status": {"phase": "Running", "f": 1.5, "big": 1e21, "small": 1e-06,
                  "conditions": [{"type": "Ready", "status": "True", "lastProbeTime": None},
                                 {"type": "PodScheduled", "status": "False"}],
                  "containerStatuses": [
                      {"name": "c1", "restartCount": 2, "ready": True,
                       "state": {"running": {"startedAt": "2025-01-06T10:00:04Z"}}},
                      {"name": "c2", "restartCount": 0, "ready": False,
                       "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}}

OUTPUTS = [
    ('{.status.phase}', 'Running'),
    ('.status.phase', '.status.phase'),
    ('{.spec.containers[*].name}', 'c1 c2'),
    ('{range .spec.containers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}', 'c1\tnginx\nc2\tbusybox\n'),
    ('{.status.conditions[?(@.type=="Ready")].status}', 'True'),
    ('{.status.containerStatuses[0].state}', '{"running":{"startedAt":"2025-01-06T10:00:04Z"}}'),
    ('{.status.conditions[0].lastProbeTime}', 'null'),
    ('{.spec.containers[-1:].name}', 'c2'),
    ('{.metadata.annotations.a\\.b/c}', 'dotted'),
    ("{.metadata.annotations['a.b/c']}", ''),
    ('{.metadata.labels}', '{"app":"web","tier":"fe"}'),
    ('{.metadata.labels.*}', 'web fe'),
    ('{.status.f} {.status.big} {.status.small}', '1.5 1e+21 1e-06'),
    ('{.foo.bar}', ''),
    ('{$.kind}', 'Pod'),
    ('{.spec.containers[0].ports}', '[{"containerPort":80}]'),
    ('{.status.containerStatuses[*].ready}', 'true false'),
    ('x{.kind}y{.metadata.name}', 'xPodyx'),
    ('{.spec.containers[*]}', '{"image":"nginx","name":"c1","ports":[{"containerPort":80}]} {"image":"busybox","name":"c2"}'),
    ('{range .status.conditions[*]}[{.type}]{end}', '[Ready][PodScheduled]'),
    ('{.status.conditions[?(@.status!="True")].type}', 'PodScheduled'),
    ('{.spec.containers[?(@.ports)].name}', 'c1'),
    ('{.spec.containers[0,1].name}', 'c1 c2'),
    ('{.spec.containers[1:2].name}', 'c2'),
    ('{.spec.containers[::2].name}', 'c1'),
    ('{.status.containerStatuses[?(@.restartCount>1)].name}', 'c1'),
    ('{.metadata.name}{"\\n"}', 'x\n'),
    ('{range .spec}{end}', ''),
    ('{.status.phase.x}', ''),
    ('{.spec.containers.name}', ''),
    ('{"a"}', 'a'),
    ("{'b'}", 'b'),
    ('{@}', '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"a.b/c":"dotted"},"labels":{"app":"web","tier":"fe"},"name":"x"},"spec":{"containers":[{"image":"nginx","name":"c1","ports":[{"containerPort":80}]},{"image":"busybox","name":"c2"}]},"status":{"big":1e+21,"conditions":[{"lastProbeTime":null,"status":"True","type":"Ready"},{"status":"False","type":"PodScheduled"}],"containerStatuses":[{"name":"c1","ready":true,"restartCount":2,"state":{"running":{"startedAt":"2025-01-06T10:00:04Z"}}},{"name":"c2","ready":false,"restartCount":0,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}],"f":1.5,"phase":"Running","small":0.000001}}'),
    ('{.metadata.name.*}', '120'),
    ('{range .spec.containers[*]}{range .ports[*]}{.containerPort}{end}{.name},{end}', '80c1,c2,'),
    ('{range .spec.containers[*]}{.name}{end} after', 'c1c2 after'),
    ('{range .nothing[*]}x{end}tail', 'tail'),
    ('{.status.containerStatuses[?(@.ready==true)].name}', 'c1'),
    ('{.status.containerStatuses[?(@.name<"c2")].name}', 'c1'),
    ('{.status.containerStatuses[?(@.state)].name}', 'c1 c2'),
    ('{.status.containerStatuses[?(@.nope=="x")].name}', ''),
    ('{.spec.containers[?(@.name)]}', '{"image":"nginx","name":"c1","ports":[{"containerPort":80}]} {"image":"busybox","name":"c2"}'),
    ('{.spec.containers[0:0].name}', ''),
    ('{.spec.containers[-2].name}', 'c1'),
    ('{.spec.containers[2:].name}', ''),
    ('{.spec.containers[-1]}', '{"image":"busybox","name":"c2"}'),
    ('{.spec.containers[*].ports[*].containerPort}', '80'),
    ('{..containerPort}', '80'),
    ('{.kind}{.kind}', 'PodPod'),
    ('{ .kind }', 'Pod'),
    ('{.kind}}', 'Pod}'),
    ('{.status.phase}{"\\u00e9\\x41"}', 'RunningéA'),
    ("{'it\\'s'}", "it's"),
    ('{"say \\"hi\\""}', 'say "hi"'),
    ('{.metadata.labels.app..name}', ''),
    ("{.spec.containers[0]['name']}", 'c1'),
    ("{.spec.containers[*]['name','image']}", 'c1 c2 nginx busybox'),
    ('{.status.containerStatuses[?(@.restartCount==2)].state.running.startedAt}', '2025-01-06T10:00:04Z'),
    ('{range .status.containerStatuses[*]}{.name}={.restartCount} {end}', 'c1=2 c2=0 '),
    ('{range .spec.containers[*]}{.name}', 'c1c2'),
    ('{.spec.containers[0].name}{range .status.conditions[*]}{.type}{end}{.kind}', 'c1ReadyPodScheduledPod'),
    ('{.x-y}', ''),
    ('{10}', '10'),
    ('{-1}', '-1'),
    ('{1.5}', '1.5'),
    ('{true}', 'true'),
    ("{.spec.containers[?(@.image=='nginx')].name}", 'c1'),
    ('{.spec.containers[?(@.image == "nginx")].name}', 'c1'),
    ('{.spec.containers[?( @.image=="nginx" )].name}', 'c1'),
    ('{.spec.containers[?(@.ports[5])].name}', 'c1'),
    ('{.status.conditions[?(@.type=="Ready")]}', '{"lastProbeTime":null,"status":"True","type":"Ready"}'),
    ('{.status.conditions[?(@.type>"A")].type}', 'Ready PodScheduled'),
    ('{.status.conditions[?(@.foo=@.bar)].type}', ''),
    ('{.spec.containers[*].ports[0].containerPort}', '80'),
    ('{.spec.containers[1].ports}', ''),
    ('{range .x}{range .y}{end}', ''),
    ('{.spec.containers[?(@.name=="c1")].ports[?(@.containerPort==80)].containerPort}', '80'),
    ('{.status.containerStatuses[?(@.restartCount)].name}', 'c1 c2'),
    ('{.status.containerStatuses[?(@.ready)].name}', 'c1 c2'),
    ('{.status.containerStatuses[?(@.ready == false)].name}', 'c2'),
    ('{.status.f}{"\\t"}', '1.5\t'),
    ('{@.kind}', 'Pod'),
    ('{$}', '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"a.b/c":"dotted"},"labels":{"app":"web","tier":"fe"},"name":"x"},"spec":{"containers":[{"image":"nginx","name":"c1","ports":[{"containerPort":80}]},{"image":"busybox","name":"c2"}]},"status":{"big":1e+21,"conditions":[{"lastProbeTime":null,"status":"True","type":"Ready"},{"status":"False","type":"PodScheduled"}],"containerStatuses":[{"name":"c1","ready":true,"restartCount":2,"state":{"running":{"startedAt":"2025-01-06T10:00:04Z"}}},{"name":"c2","ready":false,"restartCount":0,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}],"f":1.5,"phase":"Running","small":0.000001}}'),
    ('{.metadata.name} {.metadata.namespace}', 'x '),
    ('{.spec.containers[0].image:latest}', ''),
    ("{.spec.containers['x']}", ''),
    ('{.spec.containers[,]}', '{"image":"nginx","name":"c1","ports":[{"containerPort":80}]} {"image":"nginx","name":"c1","ports":[{"containerPort":80}]}'),
    ('{.spec.containers[0,]}', '{"image":"nginx","name":"c1","ports":[{"containerPort":80}]} {"image":"nginx","name":"c1","ports":[{"containerPort":80}]}'),
    ('{range}', ''),
    ('{range .spec.containers[*]}{.name}{end}{range .status.conditions[*]}{.type}{end}', 'c1c2ReadyPodScheduled'),
    ('{.spec.containers[*].name}{.status.conditions[*].type}', 'c1 c2Ready PodScheduled'),
    ('{range .status.conditions[*]}{.type}: {.lastProbeTime}; {end}', 'Ready: null; PodScheduled: ; '),
    ('{.status.conditions[*].lastProbeTime}', 'null'),
    ('{.status.conditions[0]}', '{"lastProbeTime":null,"status":"True","type":"Ready"}'),
    ('{.a#b}', ''),
    ('{.status.phase}\t{.kind}', 'Running\tPod'),
]


@pytest.mark.parametrize("template, expected", OUTPUTS)
def test_it_prints_what_kubectl_prints(template, expected):
    assert evaluate(template, POD) == expected


# (template, allow missing keys, kubectl's message after "error: "; execution errors are cut
# before ". Printing more information ..." and checked whole in test_it_dumps_the_object_on_errors)
ERRORS = [
    ('{.foo.bar}', False, 'error executing jsonpath "{.foo.bar}": Error executing template: foo is not found'),
    ('{.status.phase', True, 'error parsing jsonpath {.status.phase, unclosed action\n'),
    ('{.spec.containers[5].name}', True, 'error executing jsonpath "{.spec.containers[5].name}": Error executing template: array index out of bounds: index 5, length 2'),
    ('{.status.conditions[?(@.type=~"Re")].status}', True, 'error parsing jsonpath {.status.conditions[?(@.type=~"Re")].status}, unrecognized character in action: U+007E \'~\'\n'),
    ('{end}', True, 'error executing jsonpath "{end}": Error executing template: not in range, nothing to end'),
    ('{.spec.containers[a]}', True, 'error parsing jsonpath {.spec.containers[a]}, invalid array index a\n'),
    ('{.status.containerStatuses[?(@.restartCount>1.5)].name}', True, 'error executing jsonpath "{.status.containerStatuses[?(@.restartCount>1.5)].name}": Error executing template: incompatible types for comparison'),
    ('{.status.containerStatuses[?(@.ready<true)].name}', True, 'error executing jsonpath "{.status.containerStatuses[?(@.ready<true)].name}": Error executing template: invalid type for comparison'),
    ('{.status.containerStatuses[?(@.nope=="x")].name}', False, 'error executing jsonpath "{.status.containerStatuses[?(@.nope==\\"x\\")].name}": Error executing template: nope is not found'),
    ('{.status.conditions[?(@.lastProbeTime==null)].type}', True, 'error executing jsonpath "{.status.conditions[?(@.lastProbeTime==null)].type}": Error executing template: unrecognized identifier null'),
    ('{.spec.containers[1:0].name}', True, 'error executing jsonpath "{.spec.containers[1:0].name}": Error executing template: starting index 1 is greater than ending index 0'),
    ('{.spec.containers[0:2:0].name}', True, 'error executing jsonpath "{.spec.containers[0:2:0].name}": Error executing template: step must be > 0'),
    ('{.spec.containers[-3].name}', True, 'error executing jsonpath "{.spec.containers[-3].name}": Error executing template: array index out of bounds: index -1, length 2'),
    ('{{.kind}', True, "error parsing jsonpath {{.kind}, unrecognized character in action: U+007B '{'\n"),
    ('{\'bad \\"\'}', True, 'error parsing jsonpath {\'bad \\"\'}, unquote string \'bad \\"\' error invalid syntax\n'),
    ('{.....}', True, 'error parsing jsonpath {.....}, invalid multiple recursive descent\n'),
    ('{[0]}', True, 'error executing jsonpath "{[0]}": Error executing template: map[string]interface {} is not array or slice'),
    ('{.spec.containers[0].name,image}', True, "error parsing jsonpath {.spec.containers[0].name,image}, unrecognized character in action: U+002C ','\n"),
    ('{.status.phase} {end}', True, 'error executing jsonpath "{.status.phase} {end}": Error executing template: not in range, nothing to end'),
    ('{.status.f + 1}', True, 'error parsing jsonpath {.status.f + 1}, cannot parse number +\n'),
    ('{.status.conditions[?(@.status>=1)].type}', True, 'error executing jsonpath "{.status.conditions[?(@.status>=1)].type}": Error executing template: incompatible types for comparison'),
    ('{.status.conditions[?(@.type=!"x")].type}', True, 'error executing jsonpath "{.status.conditions[?(@.type=!\\"x\\")].type}": Error executing template: unrecognized filter operator =!'),
    ('{.spec.containers[0].name[0]}', True, 'error executing jsonpath "{.spec.containers[0].name[0]}": Error executing template: string is not array or slice'),
    ('{.metadata[*]}', True, 'error executing jsonpath "{.metadata[*]}": Error executing template: map[string]interface {} is not array or slice'),
    ('{.spec.containers[1].ports}', False, 'error executing jsonpath "{.spec.containers[1].ports}": Error executing template: ports is not found'),
    ('{range .spec.containers[*]}{.ports}{end}', False, 'error executing jsonpath "{range .spec.containers[*]}{.ports}{end}": Error executing template: ports is not found'),
    ('{range .spec.containers[*]}{end}{end}', True, 'error executing jsonpath "{range .spec.containers[*]}{end}{end}": Error executing template: not in range, nothing to end'),
    ('{.spec.containers["0"]}', True, 'error parsing jsonpath {.spec.containers["0"]}, invalid array index "0"\n'),
    ('{.spec.containers[ 0 ]}', True, 'error parsing jsonpath {.spec.containers[ 0 ]}, invalid array index  0 \n'),
    ('{.spec.containers[0 ]}', True, 'error parsing jsonpath {.spec.containers[0 ]}, invalid array index 0 \n'),
    ('{.spec.containers[0:1:2:3]}', True, 'error parsing jsonpath {.spec.containers[0:1:2:3]}, invalid array index 0:1:2:3\n'),
    ('{.spec.containers[-]}', True, 'error parsing jsonpath {.spec.containers[-]}, array index - is not a number\n'),
    ('{#}', True, "error parsing jsonpath {#}, unrecognized character in action: U+0023 '#'\n"),
]


@pytest.mark.parametrize("template, allow_missing, message", ERRORS)
def test_it_fails_as_kubectl_fails(template, allow_missing, message):
    with pytest.raises(JsonPathError) as info:
        evaluate(template, POD, allow_missing_keys=allow_missing)
    assert str(info.value).startswith(message)


def test_it_dumps_the_object_on_errors():
    # cli-runtime JSONPathPrinter.PrintObj: the %#v dump, then three newlines (kubectl 1.32, verbatim)
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"labels": {}, "name": "p"},
           "spec": {"containers": [{"name": "c"}]}, "x": [None, 1.5, True, 'q"']}
    with pytest.raises(JsonPathError) as info:
        evaluate("{.spec.containers[5].name}", pod)
    assert info.value.text == (
        'error: error executing jsonpath "{.spec.containers[5].name}": Error executing template: array index out '
        "of bounds: index 5, length 1. Printing more information for debugging the template:\n"
        "\ttemplate was:\n\t\t{.spec.containers[5].name}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}'
        '{"labels":map[string]interface {}{}, "name":"p"}, "spec":map[string]interface {}{"containers":'
        '[]interface {}{map[string]interface {}{"name":"c"}}}, "x":[]interface {}{interface {}(nil), 1.5, true, '
        '"q\\""}}\n\n\n')


def test_it_reports_an_empty_template():
    # kubectl 1.32: `-o jsonpath=` prints "error: template format specified but no template given"
    with pytest.raises(JsonPathError) as info:
        evaluate("", POD)
    assert info.value.text == "error: template format specified but no template given\n"


def test_it_walks_maps_in_sorted_key_order_for_recursive_descent():
    # Go iterates maps randomly; kubectl 1.32 printed "x c1 c2 c1 c2" and other orders for this
    assert evaluate("{..name}", POD) == "x c1 c2 c1 c2"


def test_it_prints_jsonpath_as_json():
    # kubectl 1.32 -o jsonpath-as-json='{.spec.containers[*].name}{.status.f}'
    assert evaluate("{.spec.containers[*].name}{.status.f}", POD, output_json=True) == \
        '[\n    "c1",\n    "c2"\n]\n[\n    1.5\n]\n'


def test_it_runs_the_templates_of_the_conformance_transcripts():
    pod = {"spec": {"restartPolicy": "Always", "terminationGracePeriodSeconds": 30,
                    "containers": [{"name": "nginx-container"}]},
           "status": {"phase": "Running", "podIP": "10.244.1.2",
                      "containerStatuses": [{"restartCount": 6, "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                                             "lastState": {"terminated": {"exitCode": 1}}}]}}
    assert evaluate("{.spec.restartPolicy} {.spec.terminationGracePeriodSeconds}", pod) == "Always 30"
    assert evaluate("{.status.containerStatuses[0].state.waiting.reason} "
                    "{.status.containerStatuses[0].lastState.terminated.exitCode}", pod) == "CrashLoopBackOff 1"
    assert evaluate("{.spec.containers[0].name}", pod) == "nginx-container"


@pytest.mark.parametrize("path, expected", [
    ("metadata.name", "{.metadata.name}"), (".metadata.name", "{.metadata.name}"),
    ("{metadata.name}", "{.metadata.name}"), ("{.metadata.name}", "{.metadata.name}"), ("", ""),
])
def test_it_relaxes_custom_column_paths(path, expected):
    assert relaxed_expression(path) == expected


def test_it_rejects_paths_with_stray_braces():
    with pytest.raises(JsonPathError, match="unexpected path string, expected a 'name1.name2'"):
        relaxed_expression("{.a}{.b}")


def test_it_prints_go_syntax_for_nested_values():
    assert go_syntax({"b": [], "a": {}}) == 'map[string]interface {}{"a":map[string]interface {}{}, "b":[]interface {}{}}'
