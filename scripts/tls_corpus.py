#!/usr/bin/env python3
"""Records TLS sessions between OpenSSL and GnuTLS on loopback, and checks them.

`record` runs real clients and servers (openssl s_client/s_server, gnutls-cli/
gnutls-serv) against each other on 127.0.0.1, one session per server port, over a
matrix of versions, cipher suites, key exchanges, groups and scenarios
(HelloRetryRequest, client authentication, resumption, renegotiation, key update,
early data, heartbeats, alerts, close_notify or abrupt close, small or large data). Each
session's configuration is drawn from (seed, session number), so a run is
reproducible and a rerun resumes. Sessions are grouped in shards of 250: one
tcpdump capture, one merged key log and one manifest (JSON Lines) per shard; a
shard counts as done once its manifest is written. It is meant to run inside a
private network namespace (scripts/record-tls-corpus.sh starts it in one), so the
servers, which may bind every address, are reachable from nowhere else.

`check` reads a recorded corpus back with tshark (decrypting with the key logs)
and tells whether each session did what its manifest claims: the version and
suite chosen, HelloRetryRequest, resumption, client certificates, key updates,
renegotiation, early data and alerts; it prints sessions per configuration, the
most common message sequences per pairing, and the counts of each feature seen.

Usage: tls_corpus.py record --out DIR [--sessions N] [--jobs J] [--seed S]
                            [--quick | --sample]
       tls_corpus.py check DIR [--jobs J] [--top K]
See docs/tls-corpus.md.
"""
import argparse
import asyncio
import collections
import concurrent.futures
import ctypes
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

SHARD_SIZE = 250
# Server ports: below the kernel's ephemeral range (32768-60999), so no client
# port is ever one of them; a port comes round again only after PORT_SPAN
# sessions, long after its TIME_WAIT (60 s) has passed.
PORT_BASE = 10000
PORT_SPAN = 20000
SERVER_NAME = "server.test"
SESSION_TIMEOUT = 30.0  # seconds, a whole session
STEP_TIMEOUT = 10.0  # seconds, one step (listen, handshake, one exchange)
FORMAT = 1  # of run.json and the manifest; bumped when a rerun cannot resume

# ---------------------------------------------------------------------------
# The configuration matrix

VERSIONS = {  # name: (weight, openssl protocol name, gnutls priority name)
    "1.0": (1, "TLSv1", "VERS-TLS1.0"),
    "1.1": (1, "TLSv1.1", "VERS-TLS1.1"),
    "1.2": (4, "TLSv1.2", "VERS-TLS1.2"),
    "1.3": (4, "TLSv1.3", "VERS-TLS1.3"),
}

Suite = collections.namedtuple(
    "Suite", "name code kx cert openssl gnutls_cipher gnutls_mac oldest")
# name: IANA's (and OpenSSL's for TLS 1.3); kx, cert: key exchange and server
# certificate (TLS 1.0-1.2); openssl: OpenSSL's name; gnutls_cipher, gnutls_mac:
# GnuTLS priority names; oldest: the oldest version that has the suite.
SUITES = [Suite(*row) for row in (
    ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xc02f, "ECDHE", "rsa",
     "ECDHE-RSA-AES128-GCM-SHA256", "AES-128-GCM", "AEAD", "1.2"),
    ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0xc030, "ECDHE", "rsa",
     "ECDHE-RSA-AES256-GCM-SHA384", "AES-256-GCM", "AEAD", "1.2"),
    ("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xcca8, "ECDHE", "rsa",
     "ECDHE-RSA-CHACHA20-POLY1305", "CHACHA20-POLY1305", "AEAD", "1.2"),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xc013, "ECDHE", "rsa",
     "ECDHE-RSA-AES128-SHA", "AES-128-CBC", "SHA1", "1.0"),
    ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 0xc014, "ECDHE", "rsa",
     "ECDHE-RSA-AES256-SHA", "AES-256-CBC", "SHA1", "1.0"),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", 0xc027, "ECDHE", "rsa",
     "ECDHE-RSA-AES128-SHA256", "AES-128-CBC", "SHA256", "1.2"),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0xc02b, "ECDHE", "ecdsa",
     "ECDHE-ECDSA-AES128-GCM-SHA256", "AES-128-GCM", "AEAD", "1.2"),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 0xc02c, "ECDHE", "ecdsa",
     "ECDHE-ECDSA-AES256-GCM-SHA384", "AES-256-GCM", "AEAD", "1.2"),
    ("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0xcca9, "ECDHE", "ecdsa",
     "ECDHE-ECDSA-CHACHA20-POLY1305", "CHACHA20-POLY1305", "AEAD", "1.2"),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0xc009, "ECDHE", "ecdsa",
     "ECDHE-ECDSA-AES128-SHA", "AES-128-CBC", "SHA1", "1.0"),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 0xc024, "ECDHE", "ecdsa",
     "ECDHE-ECDSA-AES256-SHA384", "AES-256-CBC", "SHA384", "1.2"),
    ("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 0x009e, "DHE", "rsa",
     "DHE-RSA-AES128-GCM-SHA256", "AES-128-GCM", "AEAD", "1.2"),
    ("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", 0x009f, "DHE", "rsa",
     "DHE-RSA-AES256-GCM-SHA384", "AES-256-GCM", "AEAD", "1.2"),
    ("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xccaa, "DHE", "rsa",
     "DHE-RSA-CHACHA20-POLY1305", "CHACHA20-POLY1305", "AEAD", "1.2"),
    ("TLS_DHE_RSA_WITH_AES_128_CBC_SHA", 0x0033, "DHE", "rsa",
     "DHE-RSA-AES128-SHA", "AES-128-CBC", "SHA1", "1.0"),
    ("TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", 0x006b, "DHE", "rsa",
     "DHE-RSA-AES256-SHA256", "AES-256-CBC", "SHA256", "1.2"),
    ("TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009c, "RSA", "rsa",
     "AES128-GCM-SHA256", "AES-128-GCM", "AEAD", "1.2"),
    ("TLS_RSA_WITH_AES_256_GCM_SHA384", 0x009d, "RSA", "rsa",
     "AES256-GCM-SHA384", "AES-256-GCM", "AEAD", "1.2"),
    ("TLS_RSA_WITH_AES_128_CBC_SHA", 0x002f, "RSA", "rsa",
     "AES128-SHA", "AES-128-CBC", "SHA1", "1.0"),
    ("TLS_RSA_WITH_AES_256_CBC_SHA", 0x0035, "RSA", "rsa",
     "AES256-SHA", "AES-256-CBC", "SHA1", "1.0"),
    ("TLS_RSA_WITH_AES_128_CBC_SHA256", 0x003c, "RSA", "rsa",
     "AES128-SHA256", "AES-128-CBC", "SHA256", "1.2"),
    ("TLS_AES_128_GCM_SHA256", 0x1301, None, None,
     "TLS_AES_128_GCM_SHA256", "AES-128-GCM", None, "1.3"),
    ("TLS_AES_256_GCM_SHA384", 0x1302, None, None,
     "TLS_AES_256_GCM_SHA384", "AES-256-GCM", None, "1.3"),
    ("TLS_CHACHA20_POLY1305_SHA256", 0x1303, None, None,
     "TLS_CHACHA20_POLY1305_SHA256", "CHACHA20-POLY1305", None, "1.3"),
)]
SUITE_BY_NAME = {s.name: s for s in SUITES}
GROUPS = {  # name: (OpenSSL name, GnuTLS priority name, IANA code)
    "x25519": ("X25519", "GROUP-X25519", 29),
    "P-256": ("P-256", "GROUP-SECP256R1", 23),
    "P-384": ("P-384", "GROUP-SECP384R1", 24),
    "x448": ("X448", "GROUP-X448", 30),
    "ffdhe2048": ("ffdhe2048", "GROUP-FFDHE2048", 256),
    "ffdhe3072": ("ffdhe3072", "GROUP-FFDHE3072", 257),
}
EC_GROUPS = ["x25519", "P-256", "P-384", "x448"]
FF_GROUPS = ["ffdhe2048", "ffdhe3072"]

# Scenarios: name -> (weight, versions, pairings, features). Versions: "all",
# "1.3" or "old" (1.0-1.2); pairings: "all", "openssl-server" (s_server's stdin
# commands) or "gnutls-both" (heartbeats: OpenSSL 3 has none). `features` is
# what the manifest claims beyond version, suite and group; "expect" is "ok" (the
# default) or who should end the handshake with a fatal alert: "client_alert",
# "server_alert", "alert" (either).
SCENARIOS = {
    "basic": (30, "all", "all", {}),
    "hrr": (6, "1.3", "all", {"hrr": True}),
    "client_auth_requested": (4, "all", "all",
                              {"client_auth": "requested", "client_cert": "ca"}),
    "client_auth_requested_nocert": (3, "all", "all",
                                     {"client_auth": "requested", "client_cert": None}),
    "client_auth_required": (4, "all", "all",
                             {"client_auth": "required", "client_cert": "ca"}),
    "post_handshake_auth": (3, "1.3", "all",
                            {"client_auth": "post_handshake", "client_cert": "ca"}),
    "resume_session_id": (5, "old", "all", {"resumption": "session_id"}),
    "resume_ticket": (5, "old", "all", {"resumption": "ticket"}),
    "resume_psk": (8, "1.3", "all", {"resumption": "psk"}),
    "early_data": (4, "1.3", "all", {"resumption": "psk", "early_data": True}),
    "renegotiate_client": (3, "old", "all", {"renegotiation": "client"}),
    # gnutls-serv's **REHANDSHAKE** (TLS 1.2) fails with either client: it
    # sends application data into the renegotiation (the client aborts).
    "renegotiate_server": (3, "old", "openssl-server", {"renegotiation": "server"}),
    "renegotiate_refused": (2, "old", "openssl-server", {"renegotiation": "refused"}),
    "key_update_client": (3, "1.3", "all", {"key_update": "client"}),
    "key_update_server": (3, "1.3", "all", {"key_update": "server"}),
    "heartbeat": (1, "old", "gnutls-both", {"heartbeat": True}),
    "alert_unknown_ca": (2, "all", "all",
                         {"alert": "unknown_ca", "expect": "client_alert"}),
    "alert_expired_cert": (2, "all", "all",
                           {"alert": "expired_certificate", "expect": "client_alert"}),
    "alert_client_cert_unknown_ca": (2, "all", "all",
                                     {"client_auth": "required", "client_cert": "other_ca",
                                      "alert": "client_cert_unknown_ca",
                                      "expect": "server_alert"}),
    "alert_client_cert_missing": (2, "all", "all",
                                  {"client_auth": "required", "client_cert": None,
                                   "alert": "client_cert_missing", "expect": "server_alert"}),
    "alert_version_mismatch": (2, "all", "all",
                               {"alert": "version_mismatch", "expect": "alert"}),
    "alert_no_shared_cipher": (1, "all", "all",
                               {"alert": "no_shared_cipher", "expect": "server_alert"}),
}
RESUMING = {"session_id", "ticket", "psk"}
STACKS = ["openssl", "gnutls"]
PAIRINGS = [(c, s) for c in STACKS for s in STACKS]


def scenario_applies(name, version, client, server):
    _, versions, pairings, _ = SCENARIOS[name]
    if versions == "1.3" and version != "1.3":
        return False
    if versions == "old" and version == "1.3":
        return False
    if pairings == "openssl-server":
        return server == "openssl"
    if pairings == "gnutls-both":
        return client == server == "gnutls"
    return True


def weighted(rng, table):
    """A key of {key: weight}, drawn with rng."""
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


def choose_config(seed, index):
    """The configuration of session `index`: a function of (seed, index) only."""
    rng = random.Random(f"{seed}/{index}")
    client, server = rng.choice(PAIRINGS)
    version = weighted(rng, {v: w[0] for v, w in VERSIONS.items()})
    scenario = weighted(rng, {s: SCENARIOS[s][0] for s in SCENARIOS
                              if scenario_applies(s, version, client, server)})
    return make_config(rng, index, client, server, version, scenario)


def make_config(rng, index, client, server, version, scenario):
    """Draws suite, group, certificate and the orthogonal choices for a scenario."""
    features = dict(SCENARIOS[scenario][3])
    expect = features.pop("expect", "ok")
    cfg = {"session": index, "port": PORT_BASE + index % PORT_SPAN,
           "client": client, "server": server, "version": version,
           "client_version": version, "scenario": scenario}
    # Every party offers exactly the claimed configuration, or (sometimes, in
    # TLS 1.2/1.3 sessions meant to succeed, HRR aside) the client offers its
    # defaults and the server picks; then the group is x25519, the first of both
    # stacks' defaults, so that no HelloRetryRequest is needed.
    cfg["offer"] = "exact"
    if (version in ("1.2", "1.3") and expect == "ok" and not features.get("hrr")
            and rng.random() < 0.2):
        cfg["offer"] = "default"
    if version == "1.3":
        cfg["suite"] = rng.choice([s.name for s in SUITES if s.oldest == "1.3"])
        cfg["kx"] = "DHE" if rng.random() < 0.15 and cfg["offer"] == "exact" else "ECDHE"
        cfg["cert"] = "ecdsa" if rng.random() < 0.25 else "rsa"
    else:
        # Clients' defaults leave out some CBC and DHE suites: with the client's
        # defaults, an ECDHE suite with an AEAD cipher.
        suite = rng.choice([s for s in SUITES if s.oldest <= version < "1.3" and (
            cfg["offer"] == "exact" or s.kx == "ECDHE" and s.gnutls_mac == "AEAD")])
        cfg["suite"], cfg["kx"], cfg["cert"] = suite.name, suite.kx, suite.cert
    groups = FF_GROUPS if cfg["kx"] == "DHE" else EC_GROUPS
    cfg["group"] = None if cfg["kx"] == "RSA" else rng.choice(groups)
    if cfg["kx"] == "DHE" and version != "1.3":
        cfg["group"] = "ffdhe2048"  # the server's own DH parameters, 2048 bits
    if cfg["offer"] == "default" and cfg["kx"] == "ECDHE":
        cfg["group"] = "x25519"
    if features.get("hrr"):
        # The client's first key share is for a group the server refuses.
        features["hrr_first_group"] = rng.choice(
            [g for g in EC_GROUPS + FF_GROUPS if g != cfg["group"]])
    alert = features.get("alert")
    if alert == "version_mismatch":
        cfg["client_version"] = rng.choice([v for v in VERSIONS if v != version])
    if alert == "no_shared_cipher":
        features["client_suite"] = other_suite(rng, cfg)
    if "key_update" in features:
        # GnuTLS's echo server only updates its keys with a request to the peer.
        features["key_update_request"] = (
            rng.random() < 0.5 or features["key_update"] == "server" and server == "gnutls")
    cfg["sni"] = rng.random() < 0.8
    cfg["alpn"] = rng.random() < 0.4
    if expect != "ok":
        cfg["data"] = 0
    elif rng.random() < 0.08 and not needs_data(features):
        cfg["data"] = 0
    elif rng.random() < 0.85:
        cfg["data"] = rng.randint(16, 2000)
    else:
        cfg["data"] = rng.randint(16 * 1024, 256 * 1024)
    cfg["close"] = "alert" if expect != "ok" else weighted(
        rng, {"close_notify": 70, "client_abort": 15, "server_abort": 15})
    cfg["features"] = features
    cfg["expect"] = expect
    return cfg


def needs_data(features):
    return any(k in features for k in ("resumption", "renegotiation", "key_update")) \
        or features.get("client_auth") == "post_handshake"


def other_suite(rng, cfg):
    """Another suite of the session's version than the server's: none in common."""
    return rng.choice([s.name for s in SUITES if s.name != cfg["suite"] and (
        s.oldest == "1.3" if cfg["version"] == "1.3" else s.oldest <= cfg["version"] < "1.3")])


def sample_configs():
    """The eight reference sessions of --sample: one per pairing and TLS 1.2/1.3."""
    configs = []
    for client, server in PAIRINGS:
        for version, suite, kx, group in (
                ("1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE", "x25519"),
                ("1.3", "TLS_AES_128_GCM_SHA256", "ECDHE", "x25519")):
            index = len(configs)
            configs.append({
                "session": index, "port": PORT_BASE + index,
                "client": client, "server": server, "version": version,
                "client_version": version, "scenario": "basic", "suite": suite,
                "kx": kx, "cert": "rsa", "group": group, "sni": True, "alpn": False,
                "offer": "exact", "data": 64, "close": "close_notify",
                "features": {}, "expect": "ok"})
    return configs


# ---------------------------------------------------------------------------
# Certificates

def make_certificates(certs):
    """A throwaway CA, a second (untrusted) CA, server certificates (RSA and
    ECDSA, valid and expired) and client certificates (from either CA)."""
    os.makedirs(certs, exist_ok=True)
    if os.path.exists(os.path.join(certs, "done")):
        return

    def openssl(*args):
        done = subprocess.run(["openssl", *args], cwd=certs, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            sys.exit(f"record: openssl {args[0]} failed making certificates in {certs}: "
                     + (done.stderr.strip().splitlines() or ["no message"])[-1])

    def key(name, kind):
        if kind == "rsa":
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                    "-out", f"{name}.key")
        else:
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-out", f"{name}.key")

    def issue(name, keyname, ca, subject, ext, days="3650"):
        with open(os.path.join(certs, f"{name}.ext"), "w") as f:
            f.write(ext)
        openssl("req", "-new", "-key", f"{keyname}.key", "-subj", subject,
                "-out", f"{name}.csr")
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.pem",
                "-CAkey", f"{ca}.key", "-set_serial", str(random.getrandbits(63)),
                "-days", days, "-extfile", f"{name}.ext", "-out", f"{name}.pem")
        os.remove(os.path.join(certs, f"{name}.csr"))
        os.remove(os.path.join(certs, f"{name}.ext"))

    for ca, cn in (("ca", "protolm test CA"), ("other-ca", "protolm untrusted CA")):
        key(ca, "rsa")
        openssl("req", "-x509", "-new", "-key", f"{ca}.key", "-subj", f"/CN={cn}",
                "-days", "3650", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", f"{ca}.pem")
    server_ext = (f"subjectAltName=DNS:{SERVER_NAME}\nbasicConstraints=CA:FALSE\n"
                  "extendedKeyUsage=serverAuth\n")
    client_ext = "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n"
    for kind in ("rsa", "ecdsa"):
        key(f"server-{kind}", kind)
        issue(f"server-{kind}", f"server-{kind}", "ca", f"/CN={SERVER_NAME}", server_ext)
        # -days -1: valid from now until yesterday, i.e. expired.
        issue(f"server-{kind}-expired", f"server-{kind}", "ca", f"/CN={SERVER_NAME}",
              server_ext, days="-1")
    key("client", "rsa")
    issue("client", "client", "ca", "/CN=protolm test client", client_ext)
    issue("client-other", "client", "other-ca", "/CN=protolm untrusted client", client_ext)
    open(os.path.join(certs, "done"), "w").close()


# ---------------------------------------------------------------------------
# Command lines of the four programs

def openssl_offer(cfg, side):
    """OpenSSL options for the versions, suites and groups one side offers."""
    version = cfg["version"] if side == "server" else cfg["client_version"]
    if side == "client" and cfg["offer"] == "default":
        return []
    proto = VERSIONS[version][1]
    args = ["-min_protocol", proto, "-max_protocol", proto]
    # OpenSSL 3 refuses TLS 1.0/1.1 (SHA-1 signatures) above security level 0.
    level = ":@SECLEVEL=0" if version in ("1.0", "1.1") else ""
    suite = cfg["suite"]
    if side == "client" and "client_suite" in cfg["features"]:
        suite = cfg["features"]["client_suite"]
    if side == "client" and version != cfg["version"]:
        args += ["-cipher", "DEFAULT" + level]  # a version the server refuses
    elif version == "1.3":
        args += ["-ciphersuites", suite]
    else:
        args += ["-cipher", SUITE_BY_NAME[suite].openssl + level]
    groups = client_groups(cfg) if side == "client" else [cfg["group"]]
    if version == cfg["version"] and cfg["group"] and (version == "1.3" or cfg["kx"] == "ECDHE"):
        args += ["-groups", ":".join(GROUPS[g][0] for g in groups)]
    return args


def gnutls_priority(cfg, side):
    """A GnuTLS priority string for what one side offers, or None (defaults)."""
    version = cfg["version"] if side == "server" else cfg["client_version"]
    if side == "client" and cfg["offer"] == "default":
        return None
    parts = ["NORMAL", "-VERS-ALL", "+" + VERSIONS[version][2]]
    suite = cfg["suite"]
    if side == "client" and "client_suite" in cfg["features"]:
        suite = cfg["features"]["client_suite"]
    if side == "client" and version != cfg["version"]:
        pass  # a version the server refuses, with the client's default suites
    elif version == "1.3":
        parts += ["-CIPHER-ALL", "+" + SUITE_BY_NAME[suite].gnutls_cipher]
    else:
        row = SUITE_BY_NAME[suite]
        kx = "RSA" if row.kx == "RSA" else f"{row.kx}-{row.cert.upper()}"
        parts += ["-CIPHER-ALL", "+" + row.gnutls_cipher, "-MAC-ALL", "+" + row.gnutls_mac,
                  "-KX-ALL", "+" + kx]
    if version == cfg["version"] and cfg["group"]:
        groups = client_groups(cfg) if side == "client" else [cfg["group"]]
        parts += ["-GROUP-ALL"] + ["+" + GROUPS[g][1] for g in groups]
    return ":".join(parts)


def client_groups(cfg):
    """The client's groups in order: with HRR, first one the server refuses; in
    TLS 1.0-1.2 also P-256, the curve of the ECDSA certificate, which the client
    must list for the server to use that certificate."""
    groups = [cfg["group"]]
    if cfg["features"].get("hrr"):
        groups.insert(0, cfg["features"]["hrr_first_group"])
    if cfg["version"] != "1.3" and cfg["cert"] == "ecdsa" and cfg["group"] != "P-256":
        groups.append("P-256")
    return groups


def server_cert(cfg, certs):
    kind = cfg["cert"]
    name = f"server-{kind}-expired" if cfg["features"].get("alert") == "expired_certificate" \
        else f"server-{kind}"
    return os.path.join(certs, f"{name}.pem"), os.path.join(certs, f"server-{kind}.key")


def server_argv(cfg, certs, keylog):
    """The server's command line and environment."""
    f = cfg["features"]
    cert, key = server_cert(cfg, certs)
    ca = os.path.join(certs, "ca.pem")
    auth = f.get("client_auth")
    resumption = f.get("resumption")
    if cfg["server"] == "openssl":
        # Line-buffered, so that what s_server prints about a command shows at once.
        argv = ["stdbuf", "-oL", "openssl", "s_server", "-accept", f"127.0.0.1:{cfg['port']}",
                "-naccept", "2" if resumption else "1", "-cert", cert, "-key", key,
                "-keylogfile", keylog] + openssl_offer(cfg, "server")
        if auth in ("requested", "required"):
            argv += ["-verify" if auth == "requested" else "-Verify", "3",
                     "-CAfile", ca, "-verify_return_error"]
        elif auth == "post_handshake":
            argv += ["-CAfile", ca]
        if resumption == "session_id":
            argv += ["-no_ticket"]
        if f.get("early_data"):
            argv += ["-early_data"]
        if f.get("renegotiation") == "client":
            argv += ["-client_renegotiation"]
        if cfg["alpn"]:
            argv += ["-alpn", "http/1.1"]
        return argv, {}
    argv = ["gnutls-serv", "-p", str(cfg["port"]), "--echo",
            "--x509certfile", cert, "--x509keyfile", key]
    priority = gnutls_priority(cfg, "server")
    argv += ["--priority", priority]
    if auth == "requested":
        argv += ["--verify-client-cert", "--x509cafile", ca]
    elif auth == "required":
        argv += ["--require-client-cert", "--verify-client-cert", "--x509cafile", ca]
    else:
        # No request in the handshake; **REAUTH** asks after it (see mid_session).
        argv += ["--disable-client-cert", "--x509cafile", ca]
    if resumption == "session_id":
        argv += ["--noticket"]
    if f.get("early_data"):
        argv += ["--earlydata"]
    if f.get("heartbeat"):
        argv += ["--heartbeat"]
    if cfg["alpn"]:
        argv += ["--alpn", "http/1.1"]
    return argv, {"SSLKEYLOGFILE": keylog}


def client_argv(cfg, certs, keylog, work, conn):
    """The client's command line and environment for connection `conn` (0, or 1
    for OpenSSL's resuming second process)."""
    f = cfg["features"]
    ca = os.path.join(certs, "other-ca.pem" if f.get("alert") == "unknown_ca" else "ca.pem")
    client_cert = f.get("client_cert")
    cert_name = {"ca": "client", "other_ca": "client-other"}.get(client_cert)
    resumption = f.get("resumption")
    early = os.path.join(work, "early.txt")
    if cfg["client"] == "openssl":
        argv = ["openssl", "s_client", "-connect", f"127.0.0.1:{cfg['port']}",
                "-keylogfile", keylog, "-CAfile", ca, "-verify_return_error",
                "-verify_hostname", SERVER_NAME] + openssl_offer(cfg, "client")
        argv += ["-servername", SERVER_NAME] if cfg["sni"] else ["-noservername"]
        if cert_name:
            argv += ["-cert", os.path.join(certs, f"{cert_name}.pem"),
                     "-key", os.path.join(certs, "client.key")]
        if f.get("client_auth") == "post_handshake":
            argv += ["-enable_pha"]
        if resumption:
            session = os.path.join(work, "session.pem")
            argv += ["-sess_out", session] if conn == 0 else ["-sess_in", session]
            if resumption == "session_id":
                argv += ["-no_ticket"]
            if f.get("early_data") and conn == 1:
                argv += ["-early_data", early]
        if cfg["alpn"]:
            argv += ["-alpn", "h2,http/1.1"]
        return argv, {}
    argv = ["gnutls-cli", "127.0.0.1", "-p", str(cfg["port"]), "--x509cafile", ca,
            "--verify-hostname", SERVER_NAME, "--inline-commands"]
    argv += ["--sni-hostname", SERVER_NAME] if cfg["sni"] else ["--disable-sni"]
    priority = gnutls_priority(cfg, "client")
    if priority:
        argv += ["--priority", priority]
    if f.get("hrr"):
        argv += ["--single-key-share"]
    if cert_name:
        argv += ["--x509certfile", os.path.join(certs, f"{cert_name}.pem"),
                 "--x509keyfile", os.path.join(certs, "client.key")]
    if f.get("client_auth") == "post_handshake":
        argv += ["--post-handshake-auth"]
    if resumption:
        argv += ["--resume"]
        if resumption == "session_id":
            argv += ["--noticket"]
        if cfg["version"] == "1.3":
            argv += ["--waitresumption"]
        if f.get("early_data"):
            argv += ["--earlydata", early]
    if f.get("heartbeat"):
        argv += ["--heartbeat"]
    if cfg["alpn"]:
        argv += ["--alpn", "h2", "--alpn", "http/1.1"]
    return argv, {"SSLKEYLOGFILE": keylog}


# ---------------------------------------------------------------------------
# Running one session

class SessionError(Exception):
    """A session that did not go as its configuration says; the message is the
    manifest's `error`."""


LIBC = ctypes.CDLL(None, use_errno=True)


def die_with_parent():
    """In a child before exec: SIGKILL when the recorder dies, however it dies."""
    LIBC.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class Proc:
    """A child in its own process group, stdin a pipe, stdout and stderr collected."""

    def __init__(self, role, argv, env):
        self.role, self.argv, self.env = role, argv, env
        self.out = bytearray()
        self.eof = False
        self.changed = asyncio.Event()

    async def start(self):
        self.proc = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT, env={**os.environ, **self.env},
            start_new_session=True, preexec_fn=die_with_parent)
        self.reader = asyncio.create_task(self._read())

    async def _read(self):
        while chunk := await self.proc.stdout.read(1 << 16):
            self.out += chunk
            self.changed.set()
        self.eof = True
        self.changed.set()

    async def expect(self, pattern, deadline, since=0):
        """The first match of `pattern` in the output from offset `since`, or None
        when the output ends or the deadline passes first."""
        loop = asyncio.get_running_loop()
        scan = since
        while True:
            self.changed.clear()
            match = pattern.search(self.out, scan)
            if match:
                return match
            if self.eof:
                return None
            scan = max(since, len(self.out) - 512)
            try:
                await asyncio.wait_for(self.changed.wait(), deadline - loop.time())
            except (asyncio.TimeoutError, ValueError):
                return None

    async def write(self, data, deadline):
        """Writes to stdin; False when the program has gone or does not read."""
        loop = asyncio.get_running_loop()
        try:
            self.proc.stdin.write(data)
            await asyncio.wait_for(self.proc.stdin.drain(), deadline - loop.time())
            return True
        except (BrokenPipeError, ConnectionResetError, asyncio.TimeoutError, ValueError):
            return False

    def close_stdin(self):
        if not self.proc.stdin.is_closing():
            self.proc.stdin.close()

    def signal(self, sig):
        if self.proc.returncode is None:
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                pass

    async def exited(self, deadline):
        loop = asyncio.get_running_loop()
        try:
            await asyncio.wait_for(asyncio.shield(self.proc.wait()), deadline - loop.time())
            return True
        except (asyncio.TimeoutError, ValueError):
            return False

    async def stop(self, grace=0.3):
        """Ends the process group: TERM, then KILL after `grace` seconds."""
        loop = asyncio.get_running_loop()
        if self.proc.returncode is None:
            self.signal(signal.SIGTERM)
            if not await self.exited(loop.time() + grace):
                self.signal(signal.SIGKILL)
                await self.proc.wait()
        self.close_stdin()
        await self.reader

    def last_line(self):
        lines = [l for l in bytes(self.out).decode("utf-8", "replace").splitlines()
                 if l.strip() and not l.startswith(("END.", "0"))]
        return f"{self.role}: {lines[-1].strip()[:200]}" if lines else f"{self.role}: no output"


# What a server prints when a handshake completes (done) or fails.
SERVER_HANDSHAKE = {
    "openssl": re.compile(rb"(?P<done>^CIPHER is )|(?P<failed>^ERROR$)", re.M),
    "gnutls": re.compile(rb"(?P<done>^- Description: )|(?P<failed>^Error in handshake)", re.M),
}
# What a client prints when its side of the handshake is done.
HANDSHAKE_DONE = {
    "openssl": re.compile(rb"^(?:New|Reused), (?!\(NONE\))\S+, Cipher is ", re.M),
    "gnutls": re.compile(rb"^- (?:Resume )?Handshake was completed", re.M),
}
RESUMED = {
    "openssl": re.compile(rb"^Reused, ", re.M),
    "gnutls": re.compile(rb"^\*\*\* This is a resumed session", re.M),
}
VERSION_SEEN = {
    # TLS 1.0-1.2 print the session, TLS 1.3 the cipher's version (1.3 only).
    "openssl": re.compile(rb"^\s*Protocol\s*: TLSv(1(?:\.\d)?)\b|^(?:New|Reused), TLSv(1\.3),",
                          re.M),
    "gnutls": re.compile(rb"^- Description: \(TLS(1\.\d)", re.M),
}


def payload(size, tag):
    """`size` bytes of digits ending in a marker line "END.<tag>\\n". Digits only:
    OpenSSL's s_client/s_server read a chunk starting with a letter as a command."""
    marker = f"\nEND.{tag}\n".encode()
    body = size - len(marker)
    line = b"0123456789" * 7 + b"\n"
    data = (line * (body // len(line) + 1))[:max(body, 0)]
    return data + marker, re.compile(re.escape(marker[1:]))


def port_listening(port):
    """Whether something listens on 127.0.0.1:port (or on every IPv4 address)."""
    want = (f"0100007F:{port:04X}", f"00000000:{port:04X}")
    with open("/proc/net/tcp") as f:
        for line in f:
            fields = line.split()
            if len(fields) > 3 and fields[1] in want and fields[3] == "0A":
                return True
    return False


class Session:
    """One session: the server, one or two client processes, and what they said."""

    def __init__(self, cfg, certs, work):
        self.cfg, self.certs, self.work = cfg, certs, work
        self.loop = asyncio.get_running_loop()
        self.deadline = self.loop.time() + SESSION_TIMEOUT
        self.procs = []
        self.completed = []  # one bool per handshake the client should make
        self.resumed = None
        self.version = None
        self.step = 0
        self.server_since = 0  # server output read up to the last handshake

    def step_deadline(self):
        return min(self.deadline, self.loop.time() + STEP_TIMEOUT)

    async def spawn(self, role, argv, env):
        proc = Proc(role, argv, env)
        self.procs.append(proc)
        await proc.start()
        return proc

    async def run(self):
        cfg = self.cfg
        f = cfg["features"]
        server_keys = os.path.join(self.work, "server.keys")
        argv, env = server_argv(cfg, self.certs, server_keys)
        self.server = await self.spawn("server", argv, env)
        deadline = self.step_deadline()
        while not port_listening(cfg["port"]):
            if self.server.eof or self.loop.time() > deadline:
                raise SessionError("server did not listen: " + self.server.last_line())
            await asyncio.sleep(0.005)
        if f.get("early_data"):
            with open(os.path.join(self.work, "early.txt"), "wb") as out:
                out.write(payload(200, "early")[0])
        client_keys = os.path.join(self.work, "client.keys")
        resuming = f.get("resumption") in RESUMING
        if resuming and cfg["client"] == "openssl":
            # The first connection stores the session, a second process resumes it.
            client = await self.spawn("client", *client_argv(cfg, self.certs, client_keys,
                                                             self.work, 0))
            if not await self.handshake(client, 1):
                raise SessionError("first handshake failed: " + client.last_line())
            await self.exchange(client, max(cfg["data"], 64))
            await self.close(client, "close_notify")
            self.procs.remove(client)
            await client.stop()
            client = await self.spawn("client", *client_argv(cfg, self.certs, client_keys,
                                                             self.work, 1))
            handshakes = 1
        else:
            client = await self.spawn("client", *client_argv(cfg, self.certs, client_keys,
                                                             self.work, 0))
            handshakes = 2 if resuming else 1
        if not await self.handshake(client, handshakes):
            if cfg["expect"] == "ok":
                raise SessionError("handshake failed: " + client.last_line())
            await client.exited(self.step_deadline())
            return
        if resuming:
            self.resumed = bool(RESUMED[cfg["client"]].search(client.out))
        if cfg["data"]:
            await self.exchange(client, cfg["data"])
        await self.mid_session(client)
        await self.close(client, cfg["close"])

    async def handshake(self, client, count):
        """Waits until `count` more handshakes have completed on both sides;
        False as soon as the server reports a failure or the client exits."""
        client_since = 0
        for _ in range(count):
            deadline = self.step_deadline()
            server = asyncio.ensure_future(self.server.expect(
                SERVER_HANDSHAKE[self.cfg["server"]], deadline, self.server_since))
            exited = asyncio.ensure_future(client.exited(deadline))
            await asyncio.wait({server, exited}, return_when=asyncio.FIRST_COMPLETED)
            exited.cancel()
            verdict = server.result() if server.done() else None
            server.cancel()
            if not verdict or not verdict.group("done"):
                self.completed.append(False)
                return False
            self.server_since = verdict.end()
            match = await client.expect(HANDSHAKE_DONE[self.cfg["client"]],
                                        self.step_deadline(), client_since)
            self.completed.append(match is not None)
            if not match:
                return False
            client_since = match.end()
        seen = VERSION_SEEN[self.cfg["client"]].search(client.out)
        if seen:
            version = (seen.group(1) or seen.group(2)).decode()
            self.version = "1.0" if version == "1" else version
        return True

    async def exchange(self, client, size):
        """The client sends `size` bytes; the server answers as many (GnuTLS's
        echo server echoes; OpenSSL's s_server sends what we write to it)."""
        self.step += 1
        request, request_marker = payload(size, f"c{self.step}")
        if not await client.write(request, self.step_deadline()):
            raise SessionError(f"client did not take data: {client.last_line()}")
        answer_marker = request_marker
        if self.cfg["server"] == "openssl":
            if not await self.server.expect(request_marker, self.step_deadline()):
                raise SessionError(f"server did not receive data: {self.server.last_line()}")
            answer, answer_marker = payload(size, f"s{self.step}")
            if not await self.server.write(answer, self.step_deadline()):
                raise SessionError(f"server did not take data: {self.server.last_line()}")
        if not await client.expect(answer_marker, self.step_deadline()):
            raise SessionError(f"client did not receive the answer: {client.last_line()}")

    async def command(self, proc, line, done, reader=None, then=()):
        """Writes a command line to `proc` and waits for `done` in the output of
        `reader` (default: `proc`), then for each pattern of `then` as
        (program, pattern)."""
        waits = [(reader or proc, done), *then]
        since = {who: len(who.out) for who, _ in waits}
        if not await proc.write(line, self.step_deadline()):
            raise SessionError(f"{proc.role} did not take {line!r}: {proc.last_line()}")
        for who, pattern in waits:
            if not await who.expect(re.compile(pattern), self.step_deadline(), since[who]):
                raise SessionError(f"no {pattern.decode()!r} after {line!r}: {who.last_line()}")

    async def mid_session(self, client):
        """Key update, renegotiation, post-handshake authentication or heartbeat,
        then more data (unless the server refuses to renegotiate)."""
        f = self.cfg["features"]
        server = self.server
        if f.get("key_update") == "client" or f.get("renegotiation") in ("client", "refused"):
            if self.cfg["client"] == "openssl":
                if "key_update" in f:
                    await self.command(client, b"K\n" if f["key_update_request"] else b"k\n",
                                       rb"KEYUPDATE")
                elif f["renegotiation"] == "refused":
                    # s_client gives up at the server's no_renegotiation alert.
                    await self.command(client, b"R\n", rb"RENEGOTIATING",
                                       then=[(client, rb"no renegotiation")])
                else:
                    await self.command(client, b"R\n", rb"RENEGOTIATING")
            elif "key_update" in f:
                await self.command(client, b"^rekey^\n" if f["key_update_request"]
                                   else b"^rekey1^\n", rb"Rekey was completed")
            else:
                await self.command(client, b"^renegotiate^\n",
                                   rb"ReHandshake was completed|ReHandshake has failed")
        elif not (f.get("key_update") or f.get("renegotiation") or f.get("heartbeat")
                  or f.get("client_auth") == "post_handshake"):
            return
        elif self.cfg["server"] == "openssl":
            # Once s_server says so, its KeyUpdate, HelloRequest or
            # CertificateRequest is on its way, ahead of the client's next data.
            if "key_update" in f:
                line = b"K\n" if f["key_update_request"] else b"k\n"
            else:
                line = b"r\n" if "renegotiation" in f else b"c\n"
            await self.command(server, line, rb"SSL_do_handshake -> ")
        else:
            # GnuTLS's echo server takes commands from the client, one per record:
            # **REHANDSHAKE** sends a KeyUpdate asking for the peer's (TLS 1.3;
            # a HelloRequest in TLS 1.2), **REAUTH** a post-handshake
            # CertificateRequest, **HEARTBEAT** a heartbeat request. More data
            # before the client has answered would break the exchange.
            gnutls_client = self.cfg["client"] == "gnutls"
            then = []
            if "client_auth" in f:
                line = b"**REAUTH**\n"
                if gnutls_client:
                    then.append((client, rb"Re-auth was performed|Re-auth failed"))
            elif "heartbeat" in f:
                line = b"**HEARTBEAT**\n"
            else:
                line = b"**REHANDSHAKE**\n"
            await self.command(client, line, rb"Processing \d+ bytes command: \*\*",
                               reader=server, then=then)
            if "client_auth" in f and not gnutls_client or "heartbeat" in f:
                # Neither s_client's answer to the CertificateRequest nor the
                # heartbeat response shows in any output: give them a moment.
                await asyncio.sleep(0.1)
        if f.get("renegotiation") == "refused":
            return  # the server refuses; what the client does next is its own affair
        await self.exchange(client, 64)

    async def close(self, client, how):
        if how == "close_notify":
            client.close_stdin()
        elif how == "client_abort":
            client.signal(signal.SIGKILL)
        elif how == "server_abort":
            self.server.signal(signal.SIGKILL)
        if not await client.exited(self.step_deadline()):
            raise SessionError(f"client did not exit after {how}: {client.last_line()}")

    async def stop(self):
        for proc in self.procs:
            await proc.stop()


def read_keylog(path):
    try:
        with open(path) as f:
            return [l.strip() for l in f if l.strip() and not l.startswith("#")]
    except FileNotFoundError:
        return []


async def record_session(cfg, certs, work_root, pcap):
    """Runs one session; returns its manifest record and its key log lines."""
    work = os.path.join(work_root, str(cfg["session"]))
    os.makedirs(work, exist_ok=True)
    started = time.monotonic()
    session = Session(cfg, certs, work)
    error = None
    try:
        await session.run()
    except SessionError as e:
        error = str(e)
    finally:
        await session.stop()
    client_lines = read_keylog(os.path.join(work, "client.keys"))
    server_lines = read_keylog(os.path.join(work, "server.keys"))
    keys = list(dict.fromkeys(client_lines + server_lines))
    randoms = list(dict.fromkeys(l.split()[1] for l in keys if len(l.split()) == 3))
    shutil.rmtree(work, ignore_errors=True)
    completed = bool(session.completed) and all(session.completed)
    if error is None:
        if cfg["expect"] == "ok":
            if not completed:
                error = "handshake did not complete"
            elif "resumption" in cfg["features"] and not session.resumed:
                error = "session not resumed"
        elif completed:
            error = "handshake completed, a failure was expected"
    record = {**cfg, "pcap": pcap, "completed": completed, "resumed": session.resumed,
              "negotiated_version": session.version, "client_randoms": randoms,
              "as_expected": error is None, "error": error,
              "ms": round((time.monotonic() - started) * 1000)}
    return record, keys


class Progress:
    """Prints sessions done / total, rate and ETA every `every` seconds."""

    def __init__(self, total, done, every=15.0):
        self.total, self.done, self.every = total, done, every
        self.start_done = done
        self.unexpected = 0
        self.started = self.last = time.monotonic()

    def add(self, record):
        self.done += 1
        self.unexpected += not record["as_expected"]
        now = time.monotonic()
        if now - self.last >= self.every or self.done == self.total:
            self.last = now
            self.print()

    def print(self):
        elapsed = time.monotonic() - self.started
        rate = (self.done - self.start_done) / elapsed if elapsed > 0 else 0.0
        eta = (self.total - self.done) / rate if rate > 0 else 0.0
        print(f"record: {self.done}/{self.total} sessions ({100 * self.done // self.total}%),"
              f" {rate:.1f}/s, ETA {format_seconds(eta)}, {self.unexpected} not as expected"
              " this run", file=sys.stderr, flush=True)


def format_seconds(seconds):
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s"


async def start_capture(path, ports):
    """tcpdump on lo for the shard's server ports, once it says it listens."""
    capture = await asyncio.create_subprocess_exec(
        "tcpdump", "-i", "lo", "-U", "--immediate-mode", "-B", "32768", "-s", "0", "-w", path,
        f"tcp and portrange {ports[0]}-{ports[1]}", stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE, start_new_session=True, preexec_fn=die_with_parent)
    try:
        line = await asyncio.wait_for(capture.stderr.readline(), STEP_TIMEOUT)
    except asyncio.TimeoutError:
        line = b""
    if b"listening on" not in line:
        capture.kill()
        await capture.wait()
        sys.exit(f"record: tcpdump did not start: {line.decode().strip() or 'no output'}")
    return capture


async def stop_capture(capture):
    """Stops tcpdump; returns how many packets the kernel dropped."""
    await asyncio.sleep(0.3)  # the last segments of the last sessions
    capture.send_signal(signal.SIGINT)
    rest = (await capture.stderr.read()).decode()
    await capture.wait()
    dropped = re.search(r"(\d+) packets? dropped by kernel", rest)
    return int(dropped.group(1)) if dropped else 0


async def record_shard(out, number, configs, jobs, certs, progress):
    """Records one shard; its manifest, written last, marks it done."""
    name = f"shard-{number:04d}"
    pcap = os.path.join(out, f"{name}.pcap")
    work = os.path.join(out, "work", name)
    ports = (min(c["port"] for c in configs), max(c["port"] for c in configs))
    for attempt in (1, 2):
        shutil.rmtree(work, ignore_errors=True)
        capture = await start_capture(pcap + ".part", ports)
        try:
            slots = asyncio.Semaphore(jobs)

            async def one(cfg):
                async with slots:
                    result = await record_session(cfg, certs, work, f"{name}.pcap")
                    progress.add(result[0])
                    return result

            results = await asyncio.gather(*(one(c) for c in configs))
        finally:
            dropped = await stop_capture(capture)
        if not dropped:
            break
        if attempt == 1:
            progress.done -= len(configs)
        print(f"record: {name}: the kernel dropped {dropped} packets"
              + ("; recording the shard again" if attempt == 1 else "; kept as it is"),
              file=sys.stderr, flush=True)
    shutil.rmtree(work, ignore_errors=True)
    os.replace(pcap + ".part", pcap)
    with open(os.path.join(out, f"{name}.keys"), "w") as f:
        for _, keys in results:
            f.writelines(l + "\n" for l in keys)
    with open(os.path.join(out, f"{name}.jsonl.part"), "w") as f:
        for record, _ in results:
            if dropped:
                record["capture_dropped"] = dropped
            f.write(json.dumps(record) + "\n")
    os.replace(os.path.join(out, f"{name}.jsonl.part"), os.path.join(out, f"{name}.jsonl"))


def shard_done(out, number, expected):
    try:
        with open(os.path.join(out, f"shard-{number:04d}.jsonl")) as f:
            return sum(1 for _ in f) == expected
    except FileNotFoundError:
        return False


def tool_versions():
    def first_line(argv):
        done = subprocess.run(argv, capture_output=True, text=True)
        return (done.stdout or done.stderr).splitlines()[0].strip()
    return {"openssl": first_line(["openssl", "version"]),
            "gnutls": first_line(["gnutls-cli", "--version"]),
            "tcpdump": first_line(["tcpdump", "--version"])}


def only_loopback():
    """Whether this network namespace has no interface but lo; if so, brings lo up."""
    with open("/proc/self/net/dev") as f:
        interfaces = [l.split(":")[0].strip() for l in f if ":" in l]
    if interfaces != ["lo"]:
        return False
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    return True


def record(args):
    out = os.path.abspath(args.out)
    if not only_loopback():
        sys.exit("record: this network namespace has interfaces besides lo;"
                 " run scripts/record-tls-corpus.sh, which makes a private one")
    mode = "sample" if args.sample else "matrix"
    if args.sample:
        configs = sample_configs()
    else:
        sessions = 200 if args.quick else args.sessions
        configs = [choose_config(args.seed, i) for i in range(sessions)]
    os.makedirs(out, exist_ok=True)
    run_file = os.path.join(out, "run.json")
    run = {"format": FORMAT, "mode": mode, "seed": args.seed, "runs": []}
    if os.path.exists(run_file):
        with open(run_file) as f:
            previous = json.load(f)
        if any(previous.get(k) != run[k] for k in ("format", "mode", "seed")):
            sys.exit(f"record: {out} holds a {previous.get('mode')} run with seed "
                     f"{previous.get('seed')} (format {previous.get('format')});"
                     " rerun with those or choose another --out")
        run = previous
    make_certificates(os.path.join(out, "certs"))
    shards = [configs[i:i + SHARD_SIZE] for i in range(0, len(configs), SHARD_SIZE)]
    todo = [n for n, chunk in enumerate(shards) if not shard_done(out, n, len(chunk))]
    done = len(configs) - sum(len(shards[n]) for n in todo)
    print(f"record: {len(configs)} sessions in {len(shards)} shards into {out};"
          f" {done} already recorded, {len(todo)} shards to go, {args.jobs} jobs",
          file=sys.stderr, flush=True)
    progress = Progress(len(configs), done)
    started = time.time()
    finished = []

    async def all_shards():
        # TERM and HUP end the run as Ctrl-C does: sessions stop, servers are killed.
        main = asyncio.current_task()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            asyncio.get_running_loop().add_signal_handler(sig, main.cancel)
        for n in todo:
            await record_shard(out, n, shards[n], args.jobs, os.path.join(out, "certs"),
                               progress)
            finished.append(n)

    stopped = False
    try:
        asyncio.run(all_shards())
    except (KeyboardInterrupt, asyncio.CancelledError):
        stopped = True
    finally:
        run["runs"].append({"started": time.strftime("%Y-%m-%dT%H:%M:%S",
                                                     time.localtime(started)),
                            "seconds": round(time.time() - started),
                            "sessions_recorded": sum(len(shards[n]) for n in finished),
                            "jobs": args.jobs, "tools": tool_versions()})
        with open(run_file, "w") as f:
            json.dump(run, f, indent=1)
    if stopped:
        sys.exit("record: stopped; finished shards are kept, the same command resumes")
    with open(os.path.join(out, "manifest.jsonl"), "w") as manifest:
        for n in range(len(shards)):
            with open(os.path.join(out, f"shard-{n:04d}.jsonl")) as f:
                shutil.copyfileobj(f, manifest)
    shutil.rmtree(os.path.join(out, "work"), ignore_errors=True)
    summarize_manifest(out)


def load_manifest(out):
    with open(os.path.join(out, "manifest.jsonl")) as f:
        return [json.loads(l) for l in f]


def summarize_manifest(out):
    records = load_manifest(out)
    unexpected = [r for r in records if not r["as_expected"]]
    print(f"record: {len(records)} sessions in {out}/manifest.jsonl,"
          f" {len(records) - len(unexpected)} as expected, {len(unexpected)} not",
          file=sys.stderr)
    by = collections.Counter((r["scenario"], r["error"].split(":")[0]) for r in unexpected)
    for (scenario, error), n in by.most_common(20):
        print(f"  {n:6d}  {scenario}: {error}", file=sys.stderr)


# ---------------------------------------------------------------------------
# Checking a corpus with tshark

TSHARK_FIELDS = [
    "tcp.stream", "tcp.srcport", "tcp.dstport", "tcp.flags.fin", "tls.record.length",
    "tls.record.content_type",
    "tls.handshake.type", "tls.alert_message.desc", "tls.handshake.random",
    "tls.handshake.ciphersuite", "tls.handshake.version",
    "tls.handshake.extensions.supported_version", "tls.handshake.extension.type",
    "tls.handshake.extensions_key_share_group", "tls.handshake.server_named_curve",
    "tls.handshake.p_len", "tls.handshake.certificates_length",
    "tls.handshake.extensions_server_name", "tls.handshake.extensions_alpn_str",
]
HRR_RANDOM = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c"
HANDSHAKE_NAMES = {0: "HelloRequest", 1: "ClientHello", 2: "ServerHello", 4: "NewSessionTicket",
                   5: "EndOfEarlyData", 8: "EncryptedExtensions", 11: "Certificate",
                   12: "ServerKeyExchange", 13: "CertificateRequest", 14: "ServerHelloDone",
                   15: "CertificateVerify", 16: "ClientKeyExchange", 20: "Finished",
                   24: "KeyUpdate"}
ALERT_NAMES = {0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac",
               40: "handshake_failure", 42: "bad_certificate", 45: "certificate_expired",
               46: "certificate_unknown", 47: "illegal_parameter", 48: "unknown_ca",
               49: "access_denied", 50: "decode_error", 51: "decrypt_error",
               70: "protocol_version", 71: "insufficient_security", 80: "internal_error",
               90: "user_canceled", 100: "no_renegotiation", 109: "missing_extension",
               116: "certificate_required", 120: "no_application_protocol"}
NOT_FATAL = {0, 90, 100}  # close_notify, user_canceled, no_renegotiation
VERSION_CODES = {0x0301: "1.0", 0x0302: "1.1", 0x0303: "1.2", 0x0304: "1.3"}


def number(text):
    return int(text, 16) if text.startswith("0x") else int(text)


def numbers(text):
    return [number(t) for t in text.split(";") if t]


class Connection:
    """What tshark shows of one TCP connection: its messages, in order, as
    (side, kind, detail), and the fields read from its hellos."""

    def __init__(self):
        self.messages = []
        self.hrr = False
        self.version = self.suite = self.group = self.alpn = None
        self.sni = False
        self.undecrypted = 0
        self.client_cert_sent = False
        self.resumed_psk = False

    def add_frame(self, side, row):
        types = [t for t in row["tls.record.content_type"].split(";") if t]
        handshake_types = numbers(row["tls.handshake.type"])
        hs, alerts = list(handshake_types), numbers(row["tls.alert_message.desc"])
        # A record tshark could not decrypt has a length but no content type.
        self.undecrypted += len(numbers(row["tls.record.length"])) - len(types)
        hrr = HRR_RANDOM in row["tls.handshake.random"].replace(":", "")
        handshake_records = types.count("22")
        seen = 0
        for kind in types:
            if kind == "22":
                seen += 1
                # One message per handshake record; what is left goes to the last.
                take = 1 if seen < handshake_records else max(len(hs), 1)
                for _ in range(take):
                    if not hs:
                        self.undecrypted += 1
                        break
                    t = hs.pop(0)
                    name = HANDSHAKE_NAMES.get(t, str(t))
                    self.messages.append((side, "HelloRetryRequest" if t == 2 and hrr else name,
                                          None))
            elif kind == "20":
                self.messages.append((side, "ChangeCipherSpec", None))
            elif kind == "21":
                self.messages.append((side, "Alert", alerts.pop(0) if alerts else None))
            elif kind == "23":
                self.messages.append((side, "Data", None))
            elif kind == "24":
                self.messages.append((side, "Heartbeat", None))
        if row["tcp.flags.fin"] in ("1", "True"):
            self.messages.append((side, "FIN", None))
        self.hrr |= hrr
        if side == "C" and 1 in handshake_types:
            self.sni |= bool(row["tls.handshake.extensions_server_name"])
        if side == "C" and 11 in handshake_types:
            self.client_cert_sent |= any(numbers(row["tls.handshake.certificates_length"]))
        if side == "S" and 2 in handshake_types and not hrr:
            supported = numbers(row["tls.handshake.extensions.supported_version"])
            version = supported[-1] if supported else numbers(row["tls.handshake.version"])[-1]
            self.version = VERSION_CODES.get(version, hex(version))
            self.suite = numbers(row["tls.handshake.ciphersuite"])[-1]
            self.resumed_psk |= 41 in numbers(row["tls.handshake.extension.type"])
        if side == "S":
            group = (numbers(row["tls.handshake.extensions_key_share_group"])
                     or numbers(row["tls.handshake.server_named_curve"]))
            if group and not hrr:
                self.group = group[-1]
            if row["tls.handshake.p_len"]:
                # TLS 1.0-1.2 DHE: the size of the prime (bytes) stands for the group.
                self.group = {256: 256, 384: 257}.get(number(row["tls.handshake.p_len"]))
            if row["tls.handshake.extensions_alpn_str"]:
                self.alpn = row["tls.handshake.extensions_alpn_str"]

    def sent(self, side, name):
        return [i for i, m in enumerate(self.messages) if m[0] == side and m[1] == name]

    def completed(self):
        """Both Finished seen, and no fatal alert until the handshake was over:
        in TLS 1.3 the server speaks last, so it is over once the server sends
        anything but an alert after the client's Finished (or closes), or the
        client closes."""
        client_fin, server_fin = self.sent("C", "Finished"), self.sent("S", "Finished")
        if not client_fin or not server_fin:
            return False
        fatal = [i for i, m in enumerate(self.messages)
                 if m[1] == "Alert" and m[2] not in NOT_FATAL]
        if not fatal or self.version != "1.3":
            return not fatal or fatal[0] > max(client_fin[0], server_fin[0])
        after = [i for i, m in enumerate(self.messages) if i > client_fin[0] and (
            m[0] == "S" and m[1] != "Alert" or m == ("C", "FIN", None))]
        return bool(after) and after[0] < fatal[0]

    def resumed(self):
        return bool(self.sent("S", "ServerHello")) and (
            self.resumed_psk if self.version == "1.3" else not self.sent("S", "Certificate"))


def tshark_shard(out, pcap, ports):
    """{server port: [Connection, ...]} for one shard, from tshark's fields."""
    argv = ["tshark", "-r", os.path.join(out, pcap),
            "-o", f"tls.keylog_file:{os.path.join(out, pcap[:-5] + '.keys')}",
            "-d", f"tcp.port=={ports[0]}-{ports[1]},tls", "-Y", "tls or tcp.flags.fin == 1",
            "-T", "fields",
            "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=;"]
    for field in TSHARK_FIELDS:
        argv += ["-e", field]
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"check: tshark failed on {pcap}: "
                 + (done.stderr.strip().splitlines() or ["no message"])[-1])
    sessions = collections.defaultdict(dict)
    for line in done.stdout.splitlines():
        row = dict(zip(TSHARK_FIELDS, line.split("|")))
        src, dst = int(row["tcp.srcport"]), int(row["tcp.dstport"])
        side, port = ("S", src) if ports[0] <= src <= ports[1] else ("C", dst)
        stream = int(row["tcp.stream"])
        sessions[port].setdefault(stream, Connection()).add_frame(side, row)
    return {port: [conns[k] for k in sorted(conns)] for port, conns in sessions.items()}


def sequence(connections):
    """A session's messages as text; in a run of data records, each side's
    first only."""
    parts = []
    for conn in connections:
        tokens, run = [], set()
        for side, kind, detail in conn.messages:
            if kind == "Data":
                if side in run:
                    continue
                run.add(side)
            else:
                run = set()
            tokens.append(f"{side}:{kind}" + (f"({ALERT_NAMES.get(detail, detail)})"
                                              if kind == "Alert" else ""))
        parts.append(" ".join(tokens))
    return " | ".join(parts)


def observe(record, conns):
    """{check name: True/False} for the claims of one manifest record that the
    capture can confirm."""
    f = record["features"]
    results = {"connections": len(conns) == (2 if f.get("resumption") in RESUMING else 1)}
    if not conns:
        return results
    completed = all(c.completed() for c in conns)
    results["completed"] = completed == record["completed"]
    first, last = conns[0], conns[-1]
    results["sni"] = first.sni == record["sni"]
    if not record["completed"]:
        fatal = [m[0] for c in conns for m in c.messages
                 if m[1] == "Alert" and m[2] not in NOT_FATAL]
        if record["expect"] != "ok":
            side = {"client_alert": "C", "server_alert": "S"}.get(record["expect"], "CS")
            results["alert"] = bool(fatal) and fatal[0] in side
        return results
    results["version"] = first.version == record["version"]
    results["suite"] = first.suite == SUITE_BY_NAME[record["suite"]].code
    if record["group"]:
        results["group"] = first.group == GROUPS[record["group"]][2]
    results["hrr"] = first.hrr == bool(f.get("hrr"))
    results["alpn"] = (first.alpn == "http/1.1") == record["alpn"]
    auth = f.get("client_auth")
    requests = first.sent("S", "CertificateRequest")
    if auth == "post_handshake":
        results["client_auth"] = bool(requests) and requests[0] > first.sent("C", "Finished")[0]
    else:
        results["client_auth"] = bool(requests) == bool(auth)
    results["client_cert"] = first.client_cert_sent == bool(auth and f.get("client_cert"))
    if "resumption" in f:
        results["resumed"] = last.resumed() and not first.resumed()
        if f["resumption"] != "psk":
            results["ticket"] = bool(first.sent("S", "NewSessionTicket")) == (
                f["resumption"] == "ticket")
    if "key_update" in f:
        updates = [m[0] for m in last.messages if m[1] == "KeyUpdate"]
        results["key_update"] = bool(updates) and updates[0] == f["key_update"][0].upper()
    if "renegotiation" in f:
        hellos = len(last.sent("C", "ClientHello"))
        if f["renegotiation"] == "refused":
            results["renegotiation"] = hellos >= 2 and any(
                m[0] == "S" and m[2] == 100 for m in last.messages)
        else:
            results["renegotiation"] = hellos >= 2 and bool(last.sent("S", "HelloRequest")) == (
                f["renegotiation"] == "server")
    if f.get("early_data"):
        results["early_data"] = bool(last.sent("C", "EndOfEarlyData"))
    if f.get("heartbeat"):
        results["heartbeat"] = bool(last.sent("S", "Heartbeat") and last.sent("C", "Heartbeat"))
    return results


def pairing(record):
    """"o-g": an OpenSSL client with a GnuTLS server."""
    return f"{record['client'][0]}-{record['server'][0]}"


def table(title, counter, rows, columns):
    print(f"\n{title}")
    width = max(len(str(r)) for r in rows) + 2
    print(" " * width + "".join(f"{str(c):>9}" for c in columns) + f"{'total':>9}")
    for r in rows:
        values = [counter[(r, c)] for c in columns]
        print(f"{str(r):<{width}}" + "".join(f"{v:>9}" for v in values) + f"{sum(values):>9}")


def check(args):
    out = os.path.abspath(args.dir)
    if not os.path.exists(os.path.join(out, "manifest.jsonl")):
        sys.exit(f"check: {out} has no manifest.jsonl (record into it first)")
    records = load_manifest(out)
    shards = collections.defaultdict(list)
    for r in records:
        shards[r["pcap"]].append(r)
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        seen = dict(zip(shards, pool.map(
            lambda pcap: tshark_shard(out, pcap, (min(r["port"] for r in shards[pcap]),
                                                  max(r["port"] for r in shards[pcap]))),
            shards)))
    pairings = sorted({pairing(r) for r in records})
    print(f"check: {len(records)} sessions in {len(shards)} pcaps, read by tshark in"
          f" {time.monotonic() - started:.0f} s; pairing = client-server, o = OpenSSL,"
          " g = GnuTLS")
    counts = collections.Counter()
    for r in records:
        counts[(r["version"], pairing(r))] += 1
        counts[(r["scenario"], pairing(r))] += 1
        counts[(r["suite"], r["version"])] += 1
        counts[(r["group"] or "-", r["kx"])] += 1
        counts[(r["close"], pairing(r))] += 1
        size = "none" if not r["data"] else "small" if r["data"] <= 2000 else "large"
        counts[(size, pairing(r))] += 1
    table("sessions per version", counts, sorted(VERSIONS), pairings)
    table("sessions per scenario", counts, list(SCENARIOS), pairings)
    table("sessions per suite", counts, [s.name for s in SUITES], sorted(VERSIONS))
    table("sessions per group and key exchange", counts, [*GROUPS, "-"], ["ECDHE", "DHE", "RSA"])
    table("sessions per close", counts, ["close_notify", "client_abort", "server_abort", "alert"],
          pairings)
    table("sessions per application data size (bytes each way: none, small <= 2000,"
          " large 16-256 KiB)", counts, ["none", "small", "large"], pairings)

    outcomes = collections.Counter()
    undecrypted = collections.Counter()
    checks = collections.Counter()
    wrong = collections.defaultdict(list)
    on_wire = collections.Counter()
    alerts = collections.Counter()
    basic = collections.defaultdict(collections.Counter)
    by_scenario = collections.defaultdict(collections.Counter)
    for r in records:
        conns = seen[r["pcap"]].get(r["port"], [])
        outcomes["as expected" if r["as_expected"] else "not as expected"] += 1
        outcomes["handshake completed" if r["completed"] else "handshake failed"] += 1
        if any(c.undecrypted for c in conns):
            undecrypted[r["scenario"]] += 1
        for name, ok in observe(r, conns).items():
            checks[(name, "agree" if ok else "differ")] += 1
            if not ok:
                wrong[name].append(r)
        for c in conns:
            on_wire["HelloRetryRequest"] += c.hrr
            on_wire["resumed connections"] += c.resumed() and c is not conns[0]
            on_wire["CertificateRequest"] += bool(c.sent("S", "CertificateRequest"))
            on_wire["client Certificate, not empty"] += c.client_cert_sent
            on_wire["KeyUpdate"] += bool(c.sent("C", "KeyUpdate") or c.sent("S", "KeyUpdate"))
            on_wire["HelloRequest"] += bool(c.sent("S", "HelloRequest"))
            on_wire["second ClientHello (HRR, renegotiation)"] += (
                len(c.sent("C", "ClientHello")) > 1)
            on_wire["EndOfEarlyData"] += bool(c.sent("C", "EndOfEarlyData"))
            on_wire["Heartbeat"] += bool(c.sent("C", "Heartbeat"))
            on_wire["NewSessionTicket"] += bool(c.sent("S", "NewSessionTicket"))
            for side, kind, detail in c.messages:
                if kind == "Alert":
                    alerts[(f"{ALERT_NAMES.get(detail, detail)} ({detail})",
                            "client" if side == "C" else "server")] += 1
        seq = sequence(conns)
        if r["scenario"] == "basic":
            basic[(pairing(r), r["version"])][seq] += 1
        by_scenario[(r["scenario"], pairing(r))][seq] += 1
    print("\noutcomes (from the manifest, decryption from tshark)")
    for name, n in sorted(outcomes.items()):
        print(f"  {n:8d}  {name}")
    print(f"  {sum(undecrypted.values()):8d}  with records tshark could not decrypt"
          + "".join(f"; {s} {n}" for s, n in undecrypted.most_common()))
    print("\nclaims of the manifest against tshark's view of the capture")
    names = sorted({name for name, _ in checks})
    for name in names:
        examples = ", ".join(f"{r['pcap']}:{r['port']} ({r['scenario']} {pairing(r)}"
                             f" {r['version']})" for r in wrong[name][:3])
        print(f"  {name:<12} {checks[(name, 'agree')]:8d} agree"
              f" {checks[(name, 'differ')]:6d} differ"
              + (f"   e.g. {examples}" if examples else ""))
    print("\nseen on the wire (connections)")
    for name, n in on_wire.items():
        print(f"  {n:8d}  {name}")
    print("\nalerts (records)")
    for (name, side), n in sorted(alerts.items(), key=lambda kv: -kv[1]):
        print(f"  {n:8d}  {name} from the {side}")
    print("\nmost common message sequences of basic sessions, per pairing and version"
          f" (top {args.top})")
    for key in sorted(basic):
        total = sum(basic[key].values())
        print(f"  {key[0]} TLS {key[1]} ({total} sessions)")
        for seq, n in basic[key].most_common(args.top):
            print(f"    {n:6d}  {seq}")
    print("\nmost common message sequence per scenario and pairing")
    for key in sorted(by_scenario, key=lambda k: (list(SCENARIOS).index(k[0]), k[1])):
        seq, n = by_scenario[key].most_common(1)[0]
        print(f"  {key[0]} {key[1]} ({n}/{sum(by_scenario[key].values())}): {seq}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    rec = commands.add_parser("record", help="record a corpus")
    rec.add_argument("--out", required=True, help="output directory")
    rec.add_argument("--sessions", type=int, default=20000, help="sessions (default 20000)")
    rec.add_argument("--jobs", type=int, default=2, help="sessions at once (default 2)")
    rec.add_argument("--seed", default="1", help="seed of the configurations (default 1)")
    size = rec.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="a 200-session smoke run")
    size.add_argument("--sample", action="store_true",
                      help="the 8 reference sessions (pairing x TLS 1.2/1.3)")
    chk = commands.add_parser("check", help="check a recorded corpus with tshark")
    chk.add_argument("dir", help="a directory written by record")
    chk.add_argument("--jobs", type=int, default=2, help="tshark processes (default 2)")
    chk.add_argument("--top", type=int, default=3,
                     help="message sequences shown per pairing and version (default 3)")
    args = parser.parse_args()
    if getattr(args, "sessions", 1) < 1 or args.jobs < 1:
        parser.error("--sessions and --jobs must be at least 1")
    if args.command == "record":
        record(args)
    else:
        check(args)


if __name__ == "__main__":
    main()
