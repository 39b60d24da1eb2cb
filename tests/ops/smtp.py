"""A real SMTP server on loopback for fault tests: it keeps what it accepts and can hang
at a chosen step, so a worker can be killed in the middle of a send."""

import socketserver
import threading


class SmtpSink:
    def __init__(self):
        self.messages = []
        self.stall_at = None  # "DATA" (before accepting the message) or "QUIT"
        self.stalled = threading.Event()
        self.release = threading.Event()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line):
                self.wfile.write(f"{line}\r\n".encode())

            def wait_if(self, step):
                if sink.stall_at == step and not sink.release.is_set():
                    sink.stalled.set()
                    sink.release.wait(60)
                    return True
                return False

            def handle(self):
                self.reply("220 sink")
                for raw in self.rfile:
                    verb = raw.decode(errors="replace").strip().upper()[:4]
                    if verb in {"EHLO", "HELO"}:
                        self.reply("250 sink")
                    elif verb in {"MAIL", "RCPT", "RSET", "NOOP"}:
                        self.reply("250 OK")
                    elif verb == "DATA":
                        self.reply("354 go ahead")
                        lines = []
                        for data in self.rfile:
                            if data in {b".\r\n", b".\n"}:
                                break
                            lines.append(data)
                        if self.wait_if("DATA"):
                            return  # killed client: the message is never accepted
                        sink.messages.append(b"".join(lines).decode(errors="replace"))
                        self.reply("250 accepted")
                    elif verb == "QUIT":
                        self.wait_if("QUIT")
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("502 unknown")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
