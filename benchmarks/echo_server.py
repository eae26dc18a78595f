"""The baseline: a bare python-socketio echo server, served by granian like Abri."""

import socketio

sio = socketio.AsyncServer(async_mode="asgi", cors_allowed_origins="*")


@sio.on("event", namespace="/_event")
async def echo(sid, data):
    await sio.emit("event", data, to=sid, namespace="/_event")


def app():
    return socketio.ASGIApp(sio, socketio_path="_event")
