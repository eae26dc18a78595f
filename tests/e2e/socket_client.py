"""A page as the server sees it: a websocket with a token and the cookies a browser
would send, emitting events by handler name (as any client can) and keeping every
update the server sends back, as text."""

from __future__ import annotations

import asyncio
import json
import uuid

import httpx
import reflex as rx
import socketio

from helpline.demo import DEMO_STAFF_PASSWORD


def victim_cookie(url: str) -> str:
    start = httpx.get(url + "/api/victim/start", follow_redirects=False)
    return f"abri_victim={start.cookies['abri_victim']}"


def staff_cookie(url: str, email: str) -> str:
    login = httpx.post(url + "/api/staff/login", follow_redirects=False,
                       headers={"sec-fetch-site": "same-origin"},
                       data={"email": email, "password": DEMO_STAFF_PASSWORD})
    return f"abri_staff={login.cookies['abri_staff']}"


class Page:
    def __init__(self, url: str, cookie: str = "", token: str | None = None) -> None:
        self.url, self.cookie = url, cookie
        self.token = token or str(uuid.uuid4())
        self.received: list[str] = []
        self.sio: socketio.AsyncClient | None = None

    async def open(self) -> Page:
        self.sio = socketio.AsyncClient(reconnection=False)

        async def on_event(data) -> None:
            self.received.append(json.dumps(data, ensure_ascii=False))

        self.sio.on("event", on_event, namespace="/_event")
        headers = {"origin": self.url, **({"cookie": self.cookie} if self.cookie else {})}
        await self.sio.connect(f"{self.url}?token={self.token}", socketio_path="/_event",
                               namespaces=["/_event"], transports=["websocket"],
                               headers=headers, wait_timeout=20)
        return self

    async def emit(self, state: type[rx.State] | None, handler: str, payload: dict | None = None,
                   path: str = "/") -> None:
        name = f"{(state or rx.State).get_full_name()}.{handler}"
        await self.sio.emit("event", {"name": name, "payload": payload or {},
                                      "router_data": {"pathname": path, "asPath": path}},
                            namespace="/_event")

    async def hydrate(self, path: str = "/") -> None:
        await self.emit(None, "hydrate_and_load", {}, path)

    async def settle(self, seconds: float = 1.5) -> str:
        """Everything received so far, once the server has had time to answer."""
        await asyncio.sleep(seconds)
        return "\n".join(self.received)

    async def wait_for(self, text: str, timeout: float = 15) -> bool:
        """Whether ``text`` arrives in an update within ``timeout`` seconds."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not any(text in update for update in self.received):
            if asyncio.get_running_loop().time() > deadline:
                return False
            await asyncio.sleep(0.1)
        return True

    async def close(self) -> None:
        if self.sio is not None:
            await self.sio.disconnect()
            self.sio = None
