"""wget, curl and nc against a scripted network."""
from __future__ import annotations

from sandbox.sim.shell import Blocked, Exited, HttpResponse, NetError, run, spawn
from sandbox.sim.shell.fakehost import FakeHost, run_to_end

PAGE = "<h1>ok</h1>\n"
ROUTES = {
    "http://10.244.1.2/": HttpResponse(200, "OK", [("Content-Type", "text/html")], PAGE, address="10.244.1.2:80"),
    "web": HttpResponse(200, "OK", [("Content-Type", "text/html")], "<h1>web</h1>\n", address="10.96.0.10:80"),
    "http://10.244.1.2/healthz": HttpResponse(500, "Internal Server Error", [], "boom\n"),
    "http://10.244.1.2/old": HttpResponse(301, "Moved Permanently", [("Location", "/")], ""),
    "10.244.1.3": NetError("refused", address="10.244.1.3:80"),
    "10.244.9.9": NetError("timeout", address="10.244.9.9:80"),
    "nosuch": NetError("dns"),
}
METER_HEAD = ("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
              "                                 Dload  Upload   Total   Spent    Left  Speed\n")


def sh(script: str, flavour: str = "busybox", **kw) -> tuple[FakeHost, object]:
    host = FakeHost(routes=dict(ROUTES))
    outcome = run_to_end(spawn(["sh", "-c", script], {}, flavour=flavour, **kw), host)
    return host, outcome


def test_it_fetches_to_stdout_quietly():
    host, outcome = sh("wget -qO- http://10.244.1.2/")
    assert (outcome, host.writes) == (Exited(0), [(0, "stdout", PAGE)])
    assert host.requests == [("GET", "http://10.244.1.2/", [("Host", "10.244.1.2"), ("User-Agent", "Wget")], None)]


def test_it_reports_a_download_like_busybox_wget():
    host, outcome = sh("wget -O- http://web")
    assert outcome == Exited(0)
    assert host.stderr == ("Connecting to web (10.96.0.10:80)\nwriting to stdout\n"
                           "-                    100% |********************************|    13  0:00:00 ETA\n"
                           "written to stdout\n")


def test_it_saves_index_html_once():
    host, outcome = sh("cd /tmp; wget http://10.244.1.2/; cat index.html; wget http://10.244.1.2/")
    assert outcome == Exited(1)
    assert host.stdout == PAGE
    assert host.stderr == ("Connecting to 10.244.1.2 (10.244.1.2:80)\nsaving to 'index.html'\n"
                           "index.html           100% |********************************|    12  0:00:00 ETA\n"
                           "'index.html' saved\nConnecting to 10.244.1.2 (10.244.1.2:80)\n"
                           "wget: can't open 'index.html': File exists\n")


def test_it_fails_wget_on_errors():
    host, _ = sh("wget http://10.244.1.2/healthz; echo $?; wget -q http://10.244.1.3/; echo $?; "
                 "wget -qO- http://nosuch/; wget --spider http://web; wget -q --spider http://10.244.1.2/old")
    assert host.stdout == "1\n1\n"
    assert host.stderr == ("Connecting to 10.244.1.2 (10.244.1.2:80)\n"
                           "wget: server returned error: HTTP/1.1 500 Internal Server Error\n"
                           "wget: can't connect to remote host (10.244.1.3): Connection refused\n"
                           "wget: bad address 'nosuch'\n"
                           "Connecting to web (10.96.0.10:80)\nremote file exists\n")


def test_it_times_out_in_simulated_time():
    host = FakeHost(routes=dict(ROUTES))
    proc = spawn(["sh", "-c", "wget -T 3 -qO- http://10.244.9.9/ 2>/tmp/err; echo $?"], {})
    assert run(proc, host, 10) == Blocked(13)
    assert host.writes == []
    assert run(proc, host, 13) == Exited(0)
    assert host.writes == [(13, "stdout", "1\n")]
    assert host.fs.read("/tmp/err") == "wget: download timed out\n"


def test_it_curls_silently():
    host, outcome = sh("curl -s http://10.244.1.2/", "debian")
    assert (outcome, host.writes) == (Exited(0), [(0, "stdout", PAGE)])
    assert host.requests[0][2] == [("Host", "10.244.1.2"), ("User-Agent", "curl/7.88.1"), ("Accept", "*/*")]


def test_it_shows_the_progress_meter_when_not_on_a_terminal():
    host, _ = sh("curl http://10.244.1.2/", "debian")
    assert host.stderr == METER_HEAD + "\r100    12  100    12    0     0  12000      0 --:--:-- --:--:-- --:--:-- 12000\n"
    host, _ = sh("curl http://10.244.1.2/", "debian", tty=True)
    assert host.stderr == ""


def test_it_reports_curl_errors_with_their_codes():
    host, _ = sh("curl http://10.244.1.3/; echo $?; curl -s http://10.244.1.3/; echo $?; "
                 "curl -sS http://10.244.1.3/; curl -sf http://10.244.1.2/healthz; echo $?; "
                 "curl -sS nosuch; echo $?", "debian")
    assert host.stdout == "7\n7\n22\n6\n"
    assert host.stderr == (METER_HEAD + "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n"
                           "curl: (7) Failed to connect to 10.244.1.3 port 80 after 0 ms: Couldn't connect to server\n"
                           "curl: (7) Failed to connect to 10.244.1.3 port 80 after 0 ms: Couldn't connect to server\n"
                           "curl: (6) Could not resolve host: nosuch\n")


def test_it_times_out_curl_with_max_time():
    host = FakeHost(routes=dict(ROUTES))
    proc = spawn(["sh", "-c", "curl -sS -m 2 http://10.244.9.9/; echo $?"], {}, flavour="debian")
    assert run(proc, host, 0) == Blocked(2)
    assert run(proc, host, 2) == Exited(0)
    assert host.writes == [(2, "stderr", "curl: (28) Connection timed out after 2001 milliseconds\n"),
                           (2, "stdout", "28\n")]


def test_it_prints_headers_status_codes_and_follows_redirects():
    host, _ = sh('curl -si http://10.244.1.2/healthz; curl -sI http://web; '
                 'curl -s -o /dev/null -w "%{http_code}\\n" http://web/; curl -sL http://10.244.1.2/old', "debian")
    assert host.stdout == ("HTTP/1.1 500 Internal Server Error\r\n\r\nboom\n"
                           "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
                           "200\n" + PAGE)


def test_it_sends_methods_headers_and_data():
    host, _ = sh("curl -s -X PUT -H 'X-Token: abc' -d 'a=1' http://web/api", "debian")
    method, url, headers, body = host.requests[0]
    assert (method, url, body) == ("PUT", "http://web/api", "a=1")
    assert ("X-Token", "abc") in headers


def test_it_checks_ports_with_nc():
    host, _ = sh("nc -z web 80 && echo open; nc -z 10.244.1.3 80 || echo closed; nc -zv web 80")
    assert host.stdout == "open\nclosed\n"
    assert host.stderr == "web (web:80) open\n"


def test_it_is_not_found_where_the_image_lacks_it():
    host, outcome = sh("curl -s http://web", programs=frozenset({"wget", "sh"}))
    assert (outcome, host.stderr) == (Exited(127), "sh: curl: not found\n")
    host, outcome = sh("wget -qO- http://web", "debian", programs=frozenset({"curl", "sh", "bash"}))
    assert (outcome, host.stderr) == (Exited(127), "sh: 1: wget: not found\n")
