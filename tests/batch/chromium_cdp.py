"""A small Chrome DevTools Protocol client over `--remote-debugging-pipe` (stdlib only).

Chromium reads NUL-terminated JSON commands on fd 3 and writes responses and events on fd 4. A
reader thread collects every message; `send` waits for its response and `wait_event` for an
event, both with a deadline (no fixed sleeps).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--no-default-browser-check",
         "--disable-extensions", "--disable-sync", "--hide-scrollbars", "--mute-audio"]


class CDPError(RuntimeError):
    pass


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Chromium:
    def __init__(self, binary: str, profile_dir: Path, log_path: Path):
        cmd_read, self._cmd_write = os.pipe()    # we write, Chromium reads on fd 3
        self._evt_read, evt_write = os.pipe()    # Chromium writes on fd 4, we read
        self._log = open(log_path, "wb")
        # bash moves the two pipe ends onto fds 3 and 4, then becomes Chromium.
        self.proc = subprocess.Popen(
            ["bash", "-c", 'exec 3<&"$1"- 4>&"$2"-; shift 2; exec "$@"', "bash",
             str(cmd_read), str(evt_write), binary, *FLAGS, f"--user-data-dir={profile_dir}",
             "--remote-debugging-pipe", "about:blank"],
            pass_fds=(cmd_read, evt_write), stdin=subprocess.DEVNULL, stdout=self._log,
            stderr=subprocess.STDOUT)
        os.close(cmd_read)
        os.close(evt_write)
        self._next_id = 0
        self._responses: dict[int, dict] = {}
        self.events: list[dict] = []
        self._cond = threading.Condition()
        self._closed = False
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    # ------------------------------------------------------------------ transport
    def _read_loop(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._evt_read, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._cond:
                    self._closed = True
                    self._cond.notify_all()
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            with self._cond:
                for raw in messages:
                    message = json.loads(raw)
                    if "id" in message:
                        self._responses[message["id"]] = message
                    else:
                        self.events.append(message)
                self._cond.notify_all()

    def _wait(self, predicate, timeout: float, what: str):
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                value = predicate()
                if value is not None:
                    return value
                if self._closed:
                    raise CDPError(f"Chromium exited while waiting for {what}; "
                                   f"see {self._log.name}")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise CDPError(f"timed out after {timeout} s waiting for {what}")
                self._cond.wait(remaining)

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30.0) -> dict:
        self._next_id += 1
        message_id = self._next_id
        message = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._cmd_write, json.dumps(message).encode() + b"\0")
        response = self._wait(lambda: self._responses.pop(message_id, None), timeout, method)
        if "error" in response:
            raise CDPError(f"{method}: {response['error']}")
        return response.get("result", {})

    def wait_event(self, method: str, session: str | None = None, timeout: float = 30.0) -> dict:
        def find():
            for event in self.events:
                if event.get("method") == method and (session is None
                                                      or event.get("sessionId") == session):
                    return event
            return None
        return self._wait(find, timeout, method)

    # ------------------------------------------------------------------ pages
    def open_page(self, url: str, timeout: float = 30.0) -> "Page":
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=session)
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_event("Page.loadEventFired", session=session, timeout=timeout)
        return Page(self, session)

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                self.send("Browser.close", timeout=10)
            self.proc.wait(timeout=10)
        except (CDPError, OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            for fd in (self._cmd_write, self._evt_read):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self._log.close()


class Page:
    def __init__(self, browser: Chromium, session: str):
        self.browser = browser
        self.session = session

    def evaluate(self, expression: str):
        result = self.browser.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": True},
            session=self.session)
        if "exceptionDetails" in result:
            raise CDPError(f"evaluate failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def _events(self) -> list[dict]:
        # A round trip first: every event Chromium sent before this response has been read.
        self.evaluate("0")
        return [e for e in self.browser.events if e.get("sessionId") == self.session]

    def console_errors(self) -> list[str]:
        """Uncaught exceptions, console.error/assert calls and error log entries (CSP
        violations, failed loads)."""
        errors = []
        for event in self._events():
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                errors.append(f"exception: {details.get('exception', {}).get('description') or details.get('text')}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append("console.%s: %s" % (params["type"], " ".join(
                    str(a.get("value", a.get("description", ""))) for a in params.get("args", []))))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                errors.append(f"log ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}")
        return errors

    def requested_urls(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self._events()
                if e["method"] == "Network.requestWillBeSent"]

    def screenshot(self, path: Path) -> bytes:
        import base64

        data = base64.b64decode(self.browser.send(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False},
            session=self.session)["data"])
        path.write_bytes(data)
        return data
