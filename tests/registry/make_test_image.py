#!/usr/bin/env python3
"""Writes an OCI image layout for the pull tests and benchmark (no root, no Docker).

  make_test_image.py DIR            test images, tagged in DIR/index.json:
      layered  three gzip layers exercising what a layer can hold (see LAYERS below)
      multi    an image index: linux/arm64 (listed first) and linux/amd64 (= layered)
  make_test_image.py DIR --bulk MB  tag "bulk": four layers of about MB megabytes in all,
                                    half random bytes and half text, as real images mix.

The expected tree after all layers are applied is documented next to LAYERS; the C++ test
checks the unpacked layers against it entry by entry.
"""
import gzip, hashlib, io, json, os, random, sys, tarfile

MTIME = 1700000000

def entry(name, kind=tarfile.REGTYPE, data=b"", mode=0o644, **extra):
    return (name, kind, data, mode, extra)

# Layer 1: the base. Layer 2 deletes and adds; layer 3 replaces a directory's contents.
LAYERS = [
    [
        entry("etc", tarfile.DIRTYPE, mode=0o755),
        entry("etc/hostname", data=b"hako\n"),
        entry("bin", tarfile.DIRTYPE, mode=0o755),
        entry("bin/tool", data=b"#!/bin/sh\necho tool\n", mode=0o4755),  # setuid kept
        entry("data", tarfile.DIRTYPE, mode=0o755),
        entry("data/old.txt", data=b"old\n"),
        entry("data/keep.txt", data=b"keep\n", uid=1000, gid=1000),
        entry("olddir", tarfile.DIRTYPE, mode=0o755),
        entry("olddir/inside.txt", data=b"inside\n"),
        entry("opq", tarfile.DIRTYPE, mode=0o755),
        entry("opq/a.txt", data=b"a\n"),
        entry("opq/b.txt", data=b"b\n"),
    ],
    [
        entry("data", tarfile.DIRTYPE, mode=0o755),
        entry("data/.wh.old.txt"),                          # deletes a file of layer 1
        entry(".wh.olddir"),                                # deletes a directory of layer 1
        entry("etc", tarfile.DIRTYPE, mode=0o755),
        entry("etc/link", tarfile.SYMTYPE, linkname="hostname"),
        entry("usr", tarfile.DIRTYPE, mode=0o755),
        entry("usr/share", tarfile.DIRTYPE, mode=0o755),
        entry("usr/share/a.txt", data=b"shared content\n"),
        entry("usr/share/b.txt", tarfile.LNKTYPE, linkname="usr/share/a.txt"),
        entry("dev", tarfile.DIRTYPE, mode=0o755),
        entry("dev/mynull", tarfile.CHRTYPE, mode=0o666, devmajor=1, devminor=3),
    ],
    [
        entry("opq", tarfile.DIRTYPE, mode=0o755),
        entry("opq/.wh..wh..opq"),                          # hides a.txt and b.txt below
        entry("opq/c.txt", data=b"c\n"),
    ],
]

def make_tar(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, kind, data, mode, extra in entries:
            info = tarfile.TarInfo(name)
            info.type, info.mode, info.mtime = kind, mode, MTIME
            info.uid, info.gid = extra.get("uid", 0), extra.get("gid", 0)
            info.linkname = extra.get("linkname", "")
            info.devmajor, info.devminor = extra.get("devmajor", 0), extra.get("devminor", 0)
            info.size = len(data) if kind == tarfile.REGTYPE else 0
            tar.addfile(info, io.BytesIO(data) if info.size else None)
    return buf.getvalue()

class Layout:
    def __init__(self, path):
        self.path = path
        os.makedirs(os.path.join(path, "blobs", "sha256"), exist_ok=True)
        with open(os.path.join(path, "oci-layout"), "w") as f:
            json.dump({"imageLayoutVersion": "1.0.0"}, f)
        self.index = {"schemaVersion": 2, "manifests": []}

    def blob(self, data, media_type, **extra):
        digest = hashlib.sha256(data).hexdigest()
        with open(os.path.join(self.path, "blobs", "sha256", digest), "wb") as f:
            f.write(data)
        return dict({"mediaType": media_type, "digest": "sha256:" + digest, "size": len(data)}, **extra)

    def image(self, tars, arch="amd64", level=6):
        layers = [self.blob(gzip.compress(t, compresslevel=level, mtime=0),
                            "application/vnd.oci.image.layer.v1.tar+gzip") for t in tars]
        config = {
            "created": "2023-11-14T22:13:20Z", "architecture": arch, "os": "linux",
            "config": {"Env": ["PATH=/usr/bin:/bin", "HAKO_TEST=1"], "Cmd": ["/bin/tool"],
                       "WorkingDir": "/data", "Labels": {"org.hako.test": "layered"}},
            "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(t).hexdigest() for t in tars]},
            "history": [{"created": "2023-11-14T22:13:20Z", "created_by": "layer %d" % i} for i in range(len(tars))],
        }
        manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "config": self.blob(json.dumps(config).encode(), "application/vnd.oci.image.config.v1+json"),
                    "layers": layers}
        return self.blob(json.dumps(manifest).encode(), manifest["mediaType"],
                         platform={"architecture": arch, "os": "linux"})

    def tag(self, descriptor, name):
        d = dict(descriptor)
        d["annotations"] = {"org.opencontainers.image.ref.name": name}
        self.index["manifests"].append(d)

    def save(self):
        with open(os.path.join(self.path, "index.json"), "w") as f:
            json.dump(self.index, f)

def bulk_tars(megabytes):
    rng = random.Random(7)
    words = [bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    tars = []
    per_layer = megabytes * 1024 * 1024 // 4
    for layer in range(4):
        entries = [entry("bulk%d" % layer, tarfile.DIRTYPE, mode=0o755)]
        size, n = 0, 0
        while size < per_layer:
            if n % 2:
                data = rng.randbytes(1 << 20)
            else:
                data = b" ".join(rng.choice(words) for _ in range(180000))[: 1 << 20]
            entries.append(entry("bulk%d/file%04d" % (layer, n), data=data))
            size, n = size + len(data), n + 1
        tars.append(make_tar(entries))
    return tars

def main():
    layout = Layout(sys.argv[1])
    if len(sys.argv) > 3 and sys.argv[2] == "--bulk":
        layout.tag(layout.image(bulk_tars(int(sys.argv[3])), level=1), "bulk")
    else:
        tars = [make_tar(l) for l in LAYERS]
        amd64 = layout.image(tars)
        arm64 = layout.image(tars[:1], arch="arm64")
        layout.tag(amd64, "layered")
        index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                 "manifests": [arm64, amd64]}
        layout.tag(layout.blob(json.dumps(index).encode(), index["mediaType"]), "multi")
    layout.save()

main()
