"""Run nginx on a loopback port with the project's deploy/nginx.conf serving a built site."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from tests.support.build import ROOT

CONF = ROOT / "deploy" / "nginx.conf"
DEPLOYED_ROOT = "/srv/rbp/site"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """deploy/nginx.conf as written, with only the site folder and port swapped for the test's."""

    def __init__(self, site: Path, workdir: Path):
        self.site, self.workdir = site, workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        server = CONF.read_text().replace(DEPLOYED_ROOT, str(site)).replace("listen 8080;", f"listen 127.0.0.1:{self.port};")
        temp = "\n".join(f"    {d}_temp_path {workdir}/{d};" for d in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        modules = workdir / "modules"  # Debian's module files name "modules/…" relative to nginx's prefix
        if Path("/usr/lib/nginx/modules").is_dir() and not modules.exists():
            modules.symlink_to("/usr/lib/nginx/modules")
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the test's private tmp folder
        (workdir / "nginx.conf").write_text(
            f"{user}include /etc/nginx/modules-enabled/*.conf;\n"  # Debian's modules, e.g. Brotli, as nginx.conf has it
            f"daemon off;\npid {workdir}/nginx.pid;\nerror_log {workdir}/error.log warn;\n"
            f"events {{ worker_connections 64; }}\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
            f"    access_log off;\n{temp}\n{server}\n}}\n"
        )

    def __enter__(self) -> "Nginx":
        binary = nginx_binary()
        assert binary, "nginx is not installed: apt-get install -y nginx (.ci/run does this)"
        self.proc = subprocess.Popen([binary, "-p", str(self.workdir), "-c", str(self.workdir / "nginx.conf")],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return self
            except OSError:
                if self.proc.poll() is not None:
                    raise AssertionError(f"nginx failed to start: {self.proc.stdout.read().decode()}")
                time.sleep(0.05)
        raise AssertionError("nginx did not start listening")

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
