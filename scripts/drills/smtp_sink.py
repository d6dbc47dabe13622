"""A local SMTP server for the drills: stores every mail it is handed as one file.

The worker sends through Django's real SMTP backend (EMAIL_URL=smtp://127.0.0.1:PORT), so
what is counted here is what left the process, whichever worker process sent it. Each
DATA transaction becomes <dir>/<sequence>.eml, written to a temporary name and renamed,
so a reader never sees half a mail. Speaks just enough SMTP for smtplib: EHLO/HELO, MAIL,
RCPT, DATA, RSET, NOOP, QUIT. Loopback only.

Run: python scripts/drills/smtp_sink.py --port 2525 --dir /tmp/mails
"""

import argparse
import asyncio
import itertools
import os
from pathlib import Path

_counter = itertools.count(1)


async def _session(reader, writer, directory: Path) -> None:
    def reply(line: str) -> None:
        writer.write(line.encode() + b"\r\n")

    reply("220 qnet-drill-sink ESMTP")
    recipients: list[str] = []
    while line := await reader.readline():
        command = line.decode("utf-8", "replace").strip()
        verb = command[:4].upper()
        if verb == "EHLO":
            writer.write(b"250-qnet-drill-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
        elif verb == "HELO":
            reply("250 qnet-drill-sink")
        elif verb == "MAIL":
            recipients = []
            reply("250 OK")
        elif verb == "RCPT":
            recipients.append(command.split(":", 1)[1].strip().strip("<>"))
            reply("250 OK")
        elif verb == "DATA":
            reply("354 End data with <CR><LF>.<CR><LF>")
            await writer.drain()
            lines = []
            while (data := await reader.readline()) not in (b".\r\n", b".\n", b""):
                # Undo the client's dot-stuffing.
                lines.append(data[1:] if data.startswith(b"..") else data)
            number = next(_counter)
            final = directory / f"{os.getpid()}-{number:07d}.eml"
            part = directory / f".{final.name}.part"
            part.write_bytes(b"".join(lines))
            os.replace(part, final)
            reply(f"250 OK queued as {number}")
        elif verb in ("RSET", "NOOP"):
            recipients = []
            reply("250 OK")
        elif verb == "QUIT":
            reply("221 Bye")
            await writer.drain()
            break
        else:
            reply("502 Command not implemented")
        await writer.drain()
    writer.close()


async def _serve(port: int, directory: Path) -> None:
    server = await asyncio.start_server(
        lambda r, w: _session(r, w, directory), host="127.0.0.1", port=port
    )
    print(f"smtp sink listening on 127.0.0.1:{port}, storing in {directory}", flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--dir", required=True)
    options = parser.parse_args()
    directory = Path(options.dir)
    directory.mkdir(parents=True, exist_ok=True)
    asyncio.run(_serve(options.port, directory))


if __name__ == "__main__":
    main()
