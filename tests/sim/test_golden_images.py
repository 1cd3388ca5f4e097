"""Golden scenario G5 (a missing image, an invalid reference) and the image rules around it (§4.2, §5.5)."""
from __future__ import annotations

NOT_FOUND = ('rpc error: code = NotFound desc = failed to pull and unpack image '
             '"docker.io/library/nginx:doesnotexist": failed to resolve reference '
             '"docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found')


def test_it_alternates_err_image_pull_and_image_pull_back_off(sim):
    sim.run("bad", "nginx:doesnotexist")
    assert sim.at(1).row("bad") == "0/1 ContainerCreating 0"
    sim.at(2)
    assert sim.event("bad", "Pulling") == (1, 2, 2)
    assert sim.at(3).row("bad") == "0/1 ErrImagePull 0"
    assert sim.event("bad", "Failed", "Failed to pull image") == (1, 3, 3)
    assert [e[1] for e in sim.events("bad") if e[0] == "Failed"] == [
        f'Failed to pull image "nginx:doesnotexist": {NOT_FOUND}', "Error: ErrImagePull"]
    assert sim.at(4).row("bad") == "0/1 ImagePullBackOff 0"
    assert sim.container("bad")["state"]["waiting"] == {
        "reason": "ImagePullBackOff", "message": 'Back-off pulling image "nginx:doesnotexist"'}
    assert sim.at(13).event("bad", "Pulling") == (2, 2, 13)
    assert sim.at(14).row("bad") == "0/1 ErrImagePull 0"
    assert sim.at(15).row("bad") == "0/1 ImagePullBackOff 0"
    assert sim.at(34).event("bad", "Pulling") == (3, 2, 34)
    assert sim.at(35).row("bad") == "0/1 ErrImagePull 0"


def test_it_shows_the_g5_events_at_sixty_seconds(sim):
    sim.run("bad", "nginx:doesnotexist")
    sim.at(60)
    assert sim.event("bad", "Pulling") == (3, 2, 34)
    assert sim.event("bad", "Failed", "Failed to pull image") == (3, 3, 35)
    assert sim.event("bad", "Failed", "Error: ErrImagePull") == (3, 3, 35)
    assert sim.event("bad", "BackOff") == (6, 4, 56)
    assert sim.event("bad", "Failed", "Error: ImagePullBackOff") == (6, 4, 56)
    assert sim.phase("bad") == "Pending"
    assert sim.condition("bad", "Ready") == ("False", "ContainersNotReady")
    assert sim.condition("bad", "Initialized") == ("True", "")
    assert sim.condition("bad", "PodReadyToStartContainers") == ("True", "")
    status = sim.container("bad")
    assert status["restartCount"] == 0 and "containerID" not in status and status["imageID"] == ""


def test_it_tries_again_after_each_doubling_pull_back_off(sim):
    sim.run("bad", "nginx:doesnotexist")
    for count, t in enumerate([75, 156, 317, 618], start=4):
        assert sim.at(t - 0.5).event("bad", "Pulling")[0] == count - 1
        assert sim.at(t).event("bad", "Pulling")[0] == count


def test_it_refuses_an_invalid_reference_on_every_resync(sim):
    sim.apply({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "upper"},
               "spec": {"containers": [{"name": "web", "image": "Nginx"}]}})
    assert sim.at(2).row("upper") == "0/1 InvalidImageName 0"
    assert [e[1] for e in sim.events("upper") if e[0] in ("InspectFailed", "Failed")] == [
        'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": '
        "invalid reference format: repository name (library/Nginx) must be lowercase",
        "Error: InvalidImageName"]
    sim.at(32)
    assert sim.event("upper", "InspectFailed")[0] == 4
    assert "Pulling" not in [e[0] for e in sim.events("upper")]
    assert sim.phase("upper") == "Pending"


def test_it_pulls_again_on_every_restart_under_pull_policy_always(sim):
    sim.apply({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
               "spec": {"containers": [{"name": "web", "image": "nginx", "command": ["sh", "-c", "exit 1"]}]}})
    sim.at(5)
    # Pulled at 4 and exited; at 5 the restart pulls again (cached: 1 s) and starts at 6.
    assert sim.event("web", "Pulling") == (2, 2, 5)
    assert sim.at(6).event("web", "Pulled", "in 1s") == (1, 6, 6)
    assert sim.container("web")["restartCount"] == 1


def test_it_reports_a_container_that_cannot_start(sim):
    sim.run("nope", "busybox:1.36", "no-such-program", command=True)
    sim.at(2)
    status = sim.container("nope")
    assert status["state"]["waiting"]["reason"] == "RunContainerError"
    assert status["state"]["waiting"]["message"].endswith(
        'exec: "no-such-program": executable file not found in $PATH: unknown')
    assert sim.row("nope") == "0/1 RunContainerError 0"
    assert sim.at(4).row("nope").startswith("0/1 CrashLoopBackOff 1")
