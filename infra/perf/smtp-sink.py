#!/usr/bin/env python3
"""A local SMTP sink for load and fault tests: accepts every message, counts them and their distinct Message-Ids.
Usage: smtp-sink.py PORT COUNT_FILE [IDS_FILE]   (COUNT_FILE gets "messages distinct-ids" once a second; IDS_FILE,
if given, gets each accepted message's Message-Id once the acceptance is sent, so that it outlives a killed sink)"""
import asyncio, sys

port, count_file = int(sys.argv[1]), sys.argv[2]
ids_file = open(sys.argv[3], "a", buffering=1) if len(sys.argv) > 3 else None
messages, ids = 0, set()

async def session(reader, writer):
    global messages
    writer.write(b"220 sink ESMTP\r\n")
    while line := await reader.readline():
        verb = line[:4].upper()
        if verb in (b"EHLO", b"HELO"):
            writer.write(b"250 sink\r\n")
        elif verb == b"DATA":
            writer.write(b"354 go on\r\n")
            await writer.drain()
            message_id = None
            while (data := await reader.readline()) not in (b".\r\n", b""):
                if message_id is None and data.lower().startswith(b"message-id:"):
                    message_id = data.split(b":", 1)[1].strip()
            if data == b"":
                break  # the client went away mid-message: nothing was accepted
            writer.write(b"250 queued\r\n")
            await writer.drain()
            messages += 1
            ids.add(message_id)
            if ids_file:
                ids_file.write(message_id.decode() + "\n")
        elif verb == b"QUIT":
            writer.write(b"221 bye\r\n")
            await writer.drain()
            break
        else:
            writer.write(b"250 ok\r\n")
        await writer.drain()
    writer.close()

async def report():
    while True:
        with open(count_file, "w") as f:
            f.write(f"{messages} {len(ids)}\n")
        await asyncio.sleep(1)

async def main():
    server = await asyncio.start_server(session, "127.0.0.1", port)
    asyncio.create_task(report())
    async with server:
        await server.serve_forever()

asyncio.run(main())
