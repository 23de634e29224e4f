#!/usr/bin/env python3
"""A tiny registry for the cases docker-registry will not produce, on 127.0.0.1:

  fake_registry.py DIR bad-digest   test/bad:latest, whose layer blob is served with
                                    content that does not match the digest in the manifest
  fake_registry.py DIR bearer USER PASSWORD
                                    test/app:latest behind the Bearer token flow (realm
                                    /token, which wants basic USER:PASSWORD); blob GETs are
                                    redirected to http://localhost:PORT/storage/, which
                                    refuses any Authorization header (a token must never
                                    follow a redirect to another host)

Prints the port once listening; DIR/fake.pid, DIR/fake.log (one "METHOD PATH STATUS" line
per request). The image is one gzip layer holding hello.txt ("hello from the fake\n").
"""
import base64, gzip, hashlib, http.server, io, json, os, sys, tarfile

def image():
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        data = b"hello from the fake\n"
        info = tarfile.TarInfo("hello.txt")
        info.size, info.mtime = len(data), 1700000000
        tar.addfile(info, io.BytesIO(data))
    tar_bytes = buf.getvalue()
    layer = gzip.compress(tar_bytes, mtime=0)
    config = json.dumps({"architecture": "amd64", "os": "linux", "config": {"Cmd": ["/hello"]},
                         "rootfs": {"type": "layers",
                                    "diff_ids": ["sha256:" + hashlib.sha256(tar_bytes).hexdigest()]}}).encode()
    d = lambda b: "sha256:" + hashlib.sha256(b).hexdigest()
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                           "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                                      "digest": d(config), "size": len(config)},
                           "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                                       "digest": d(layer), "size": len(layer)}]}).encode()
    return manifest, {d(config): config, d(layer): layer}, d(layer)

MODE = sys.argv[2]
MANIFEST, BLOBS, LAYER = image()
if MODE == "bad-digest":
    good = BLOBS[LAYER]
    BLOBS[LAYER] = bytes([good[0] ^ 0xFF]) + good[1:]  # same size, other content
    REPO = "test/bad"
else:
    REPO = "test/app"
    USER, PASSWORD = sys.argv[3], sys.argv[4]
TOKEN = "fake-token-123"

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with open(os.path.join(sys.argv[1], "fake.log"), "a") as log:
            log.write("%s %s %d\n" % (self.command, self.path, status))

    def error(self, status, code):
        self.reply(status, json.dumps({"errors": [{"code": code, "message": code.lower()}]}).encode(),
                   [("Content-Type", "application/json")])

    def authorized(self):
        if MODE != "bearer" or self.headers.get("Authorization") == "Bearer " + TOKEN:
            return True
        realm = "http://127.0.0.1:%d/token" % self.server.server_port
        self.reply(401, b'{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
                   [("WWW-Authenticate", 'Bearer realm="%s",service="fake",scope="repository:%s:pull"' % (realm, REPO))])
        return False

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/token":
            expected = "Basic " + base64.b64encode(("%s:%s" % (USER, PASSWORD)).encode()).decode()
            if self.headers.get("Authorization") != expected:
                return self.error(401, "UNAUTHORIZED")
            return self.reply(200, json.dumps({"token": TOKEN}).encode(), [("Content-Type", "application/json")])
        if path.startswith("/storage/"):
            if self.headers.get("Authorization"):
                return self.error(403, "AUTHORIZATION_LEAKED_TO_STORAGE")
            blob = BLOBS.get("sha256:" + path[len("/storage/"):])
            return self.reply(200, blob) if blob else self.error(404, "BLOB_UNKNOWN")
        if path == "/v2/":
            return self.reply(200, b"{}") if self.authorized() else None
        if not self.authorized():
            return
        prefix = "/v2/%s/" % REPO
        if not path.startswith(prefix):
            return self.error(404, "NAME_UNKNOWN")
        rest = path[len(prefix):]
        if rest in ("manifests/latest", "manifests/sha256:" + hashlib.sha256(MANIFEST).hexdigest()):
            return self.reply(200, MANIFEST, [("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")])
        if rest.startswith("blobs/") and rest[6:] in BLOBS:
            if MODE == "bearer":
                port = self.server.server_port
                return self.reply(307, b"", [("Location", "http://localhost:%d/storage/%s" % (port, rest[13:]))])
            return self.reply(200, BLOBS[rest[6:]], [("Content-Type", "application/octet-stream")])
        return self.error(404, "MANIFEST_UNKNOWN" if rest.startswith("manifests/") else "BLOB_UNKNOWN")

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(os.path.join(sys.argv[1], "fake.pid"), "w") as f:
    f.write(str(os.getpid()))
print(server.server_port, flush=True)
server.serve_forever()
