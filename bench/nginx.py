"""nginx on a free loopback port with the shipped configuration (scripts/nginx/newsroom.conf),
for `make bench` and the tests: its own prefix, temporary folders, cache and logs under one
folder, so it never touches a system nginx.

Installs Debian's nginx-light when nginx is missing, as scripts/services.sh does for
PostgreSQL and Redis.
"""

import os
import re
import shutil
import socket
import subprocess
import urllib.request
from pathlib import Path

from bench.background import BackgroundServer, free_port

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHIPPED_CONFIG = PROJECT_DIR / "scripts" / "nginx" / "newsroom.conf"
# Debian installs nginx in /usr/sbin, which an ordinary user's PATH may not list.
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
MIME_TYPES = Path("/etc/nginx/mime.types")


def nginx_binary():
    return shutil.which("nginx", path=SEARCH_PATH)


def ensure_installed():
    """The nginx binary, installing Debian's nginx-light package first if there is none."""
    if nginx_binary() is None:
        as_root = [] if os.geteuid() == 0 else ["sudo"]
        if as_root and shutil.which("sudo") is None:
            raise RuntimeError("nginx is missing: apt-get install nginx-light as root")
        print("Installing nginx-light from Debian's packages...", flush=True)
        quiet = {"stdout": subprocess.DEVNULL, "check": True}
        subprocess.run([*as_root, "apt-get", "update", "-qq"], **quiet)
        subprocess.run(
            [*as_root, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y"]
            + ["-qq", "--no-install-recommends", "nginx-light"],
            **quiet,
        )
    return nginx_binary()


def shipped_server_block(listen, upstream, static_root, cache_dir, media_root, server_name):
    """scripts/nginx/newsroom.conf with its placeholders filled in. `upstream` is one app
    server's address, or a list of them (one `server` line each)."""
    text = SHIPPED_CONFIG.read_text()
    upstreams = [upstream] if isinstance(upstream, str) else list(upstream)
    servers = "\n    ".join(f"server {address};" for address in upstreams)
    text = text.replace("server @UPSTREAM@;", servers)
    for name, value in {
        "LISTEN": listen,
        "UPSTREAM": upstreams[0],
        "STATIC_ROOT": str(static_root).rstrip("/"),
        "CACHE_DIR": cache_dir,
        "MEDIA_ROOT": str(media_root).rstrip("/"),
        "SERVER_NAME": server_name,
    }.items():
        text = text.replace(f"@{name}@", str(value))
    directives = "\n".join(line.split("#")[0] for line in text.splitlines())
    leftover = re.findall(r"@[A-Z_]+@", directives)
    assert not leftover, f"placeholders left in the nginx configuration: {leftover}"
    return text


class Nginx(BackgroundServer):
    """nginx with the shipped server block in front of `upstream` (host:port, or a list of
    them), and optionally a second server sending the files of `static_copy_root` as they are
    (the box's ceiling). Uploads are served from `media_root` (default: a folder of its own).
    `uncached=True` adds a third server that only balances between the app servers, as the
    shipped one does but without its page cache, so a benchmark measures the app servers.

    `port` serves the site, `static_port` the static copies, `uncached_port` the app servers.
    """

    name = "nginx"
    patience = 15

    def __init__(
        self,
        folder,
        upstream,
        static_root,
        static_copy_root=None,
        media_root=None,
        port=None,
        uncached=False,
    ):
        self.folder = Path(folder)
        self.upstream = upstream
        self.static_root = static_root
        self.static_copy_root = static_copy_root
        self.media_root = media_root or self.folder / "media"
        self.port = port or free_port()
        self.static_port = free_port() if static_copy_root else None
        self.uncached_port = free_port() if uncached else None
        self.log_path = self.folder / "nginx.log"

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def static_base_url(self):
        return f"http://127.0.0.1:{self.static_port}"

    @property
    def uncached_base_url(self):
        return f"http://127.0.0.1:{self.uncached_port}"

    def main_config(self):
        folder = self.folder
        site = shipped_server_block(
            listen=f"127.0.0.1:{self.port}",
            upstream=self.upstream,
            static_root=self.static_root,
            cache_dir=folder / "cache",
            media_root=self.media_root,
            server_name="127.0.0.1 localhost",
        )
        (folder / "newsroom.conf").write_text(site)
        static_server = ""
        if self.static_copy_root:
            static_server = f"""
    server {{
        listen 127.0.0.1:{self.static_port};
        root {self.static_copy_root};
        default_type text/html;
        gzip_static on;
    }}"""
        if self.uncached_port:
            # The shipped `location /` without proxy_cache: the same upstream group (defined in
            # newsroom.conf), the same headers to the app.
            static_server += f"""
    server {{
        listen 127.0.0.1:{self.uncached_port};
        location / {{
            proxy_pass http://newsroom_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header Sec-GPC $gpc_signal;
            proxy_set_header Accept-Encoding $accepts_gzip;
            proxy_next_upstream error timeout http_502;
        }}
    }}"""
        # Workers run as root only where the master does (a test run in CI): the default user
        # (nobody) could not write the cache folder inside a root-owned temporary folder.
        user = "user root;" if os.geteuid() == 0 else ""
        temp = folder / "temp"
        return f"""{user}
worker_processes auto;
daemon off;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    access_log off;
    client_body_temp_path {temp}/client;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {folder / "newsroom.conf"};{static_server}
}}
"""

    def command(self):
        """Write and check the configuration; return the command that runs nginx in the
        foreground with it."""
        binary = ensure_installed()
        (self.folder / "temp").mkdir(parents=True, exist_ok=True)
        config = self.folder / "nginx.conf"
        config.write_text(self.main_config())
        command = [binary, "-p", str(self.folder), "-c", str(config), "-e", "stderr"]
        subprocess.run([*command, "-t", "-q"], check=True, capture_output=True)
        return command

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False


def fetch(url, headers=None):
    """One GET through urllib: (status, headers, body bytes as sent on the wire)."""
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()


def main():
    """`python -m bench.nginx --folder F --port P --upstream A --upstream B ...`: become nginx
    in front of the given app servers (scripts/cluster.sh runs it in the background)."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--folder", required=True, type=Path)
    parser.add_argument("--port", required=True, type=int)
    parser.add_argument("--upstream", required=True, action="append")
    parser.add_argument("--static-root", required=True)
    parser.add_argument("--media-root", required=True)
    arguments = parser.parse_args()
    command = Nginx(
        arguments.folder,
        upstream=arguments.upstream,
        static_root=arguments.static_root,
        media_root=arguments.media_root,
        port=arguments.port,
    ).command()
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
