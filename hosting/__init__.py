"""Hosting the web app: the compressed client, the WebSocket, the pocket pages."""
