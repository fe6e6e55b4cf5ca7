"""Real local servers on 127.0.0.1 for the hostile-URL tests: a routed HTTP server, and raw sockets for
what an HTTP library would refuse to send (a lying Content-Length, a server that never answers)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE_HTML = (
    b"<html><head><title>Budget</title></head><body><article><p>The council spent 4.5 million dollars on "
    b"127 new buses in 2023, according to the finance office.</p></article></body></html>"
)

# path -> (status, headers, body); a body may be a callable writing to the socket file itself.
Route = tuple[int, dict[str, str], bytes | Callable[[BaseHTTPRequestHandler], None]]


@contextmanager
def http_server(routes: dict[str, Route]) -> Iterator[str]:
    """Serve `routes` on 127.0.0.1; yields the base URL (`http://127.0.0.1:PORT`)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            status, headers, body = routes.get(self.path, (404, {}, b"not here"))
            self.send_response(status)
            for key, value in headers.items():
                if value:  # an empty value means "send no such header"
                    self.send_header(key, value)
            if callable(body):
                self.end_headers()
                body(self)
                return
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def raw_server(respond: Callable[[socket.socket], None]) -> Iterator[str]:
    """Accept connections on 127.0.0.1 and hand each socket to `respond` (which may never answer)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()
    held: list[socket.socket] = []

    def serve():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            held.append(conn)
            threading.Thread(target=_guarded, args=(respond, conn), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(2)
        for conn in held:
            conn.close()
        listener.close()


def _guarded(respond, conn) -> None:
    try:
        conn.recv(65536)
        respond(conn)
    except OSError:
        pass


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connection refused)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def never_answer(conn: socket.socket) -> None:
    """Read the request, then say nothing until the client gives up."""
    conn.settimeout(30)
    try:
        conn.recv(1)
    except OSError:
        pass


def lying_length(conn: socket.socket) -> None:
    """Promise 5 000 bytes (under the cap), send 60, hang up."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5000\r\n\r\n"
                 b"The council spent 4.5 million dollars on 127 new buses in 20")
    conn.shutdown(socket.SHUT_RDWR)


def invalid_length(conn: socket.socket) -> None:
    """A Content-Length that is not a number."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: -12\r\n\r\nhello")
    conn.shutdown(socket.SHUT_RDWR)


def understated_length(conn: socket.socket) -> None:
    """Promise 20 bytes within the cap, then stream megabytes: only the promised bytes may be read."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\n")
    try:
        for _ in range(64):
            conn.sendall(b"A" * 65536)
    except OSError:
        pass
