#!/usr/bin/env python3
"""Proves Microsoft's own SDKs (azure-identity, MSAL Python) get tokens from the lab's IMDS emulator.

Usage: sdk_clients.py --base http://127.0.0.1:PORT [--retry-base http://127.0.0.1:PORT2]
Talks to 127.0.0.1 only: every socket connect elsewhere is refused and fails the run.
"""
import argparse
import http.client
import json
import os
import socket
import sys
import time
import urllib.request

LAB_TENANT = "1ab1ab1a-b000-4000-8000-00000000c0de"
LAB_ISSUER = f"https://sts.windows.net/{LAB_TENANT}/"
SYSTEM = {"client_id": "5a5a0000-0000-4000-8000-000000000001", "object_id": "5a5a0000-0000-4000-8000-0000000000a1"}
ORDERS = {"client_id": "ab000000-0000-4000-8000-000000000002", "object_id": "ab000000-0000-4000-8000-0000000000b2"}
UNKNOWN_CLIENT_ID = "00000000-0000-4000-8000-00000000dead"
IDENTITY_HEADER = "lab-identity-header"
RESOURCE = "https://vault.azure.net"
SCOPE = RESOURCE + "/.default"

# --- nothing but loopback -------------------------------------------------------------------------------
for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ.pop(var, None)
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "*"
# Credentials from the developer's machine must not answer in the emulator's place.
for var in ("AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_USERNAME",
            "MSI_ENDPOINT", "MSI_SECRET", "IMDS_ENDPOINT", "IDENTITY_SERVER_THUMBPRINT", "AZURE_AUTHORITY_HOST"):
    os.environ.pop(var, None)

BLOCKED = []
_real_connect = socket.socket.connect


def _guarded_connect(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if host not in ("127.0.0.1", "::1", "localhost"):
        BLOCKED.append(host)
        raise OSError(f"lab test: connection to {host} refused (only 127.0.0.1 is allowed)")
    return _real_connect(self, address)


socket.socket.connect = _guarded_connect

# --- what the SDKs send ---------------------------------------------------------------------------------
SEEN = []  # (client label, method, url, header names)
_CURRENT = ["?"]
_real_putrequest, _real_putheader, _real_endheaders = (http.client.HTTPConnection.putrequest,
                                                       http.client.HTTPConnection.putheader,
                                                       http.client.HTTPConnection.endheaders)


def _putrequest(self, method, url, *args, **kwargs):
    self._lab_seen = [_CURRENT[0], method, url, {}]
    return _real_putrequest(self, method, url, *args, **kwargs)


def _putheader(self, header, *values):
    seen = getattr(self, "_lab_seen", None)
    if seen is not None:
        name = header.decode() if isinstance(header, bytes) else header
        seen[3][name] = ", ".join(v.decode() if isinstance(v, bytes) else str(v) for v in values)
    return _real_putheader(self, header, *values)


def _endheaders(self, *args, **kwargs):
    seen = getattr(self, "_lab_seen", None)
    if seen is not None:
        SEEN.append(tuple(seen))
        self._lab_seen = None
    return _real_endheaders(self, *args, **kwargs)


http.client.HTTPConnection.putrequest = _putrequest
http.client.HTTPConnection.putheader = _putheader
http.client.HTTPConnection.endheaders = _endheaders

import jwt  # noqa: E402  (PyJWT, after the socket guard)
import msal  # noqa: E402
import requests  # noqa: E402
from azure.identity import DefaultAzureCredential, ManagedIdentityCredential  # noqa: E402

FAILURES = []
PASSES = []


def check(name, condition, detail=""):
    (PASSES if condition else FAILURES).append(name + ("" if condition else f": {detail}"))
    print(("  ok   " if condition else "  FAIL ") + name + ("" if condition or not detail else f" -- {detail}"), flush=True)


class Emulator:
    def __init__(self, base):
        self.base = base.rstrip("/")
        with urllib.request.urlopen(self.base + "/.well-known/openid-configuration", timeout=5) as r:
            self.openid = json.load(r)
        self.jwks_client = jwt.PyJWKClient(self.openid["jwks_uri"], cache_keys=True)

    def verify(self, token, expect):
        """Checks the signature against the served JWKS, then iss, aud, exp, and the identity claims."""
        key = self.jwks_client.get_signing_key_from_jwt(token)
        claims = jwt.decode(token, key.key, algorithms=["RS256"], audience=RESOURCE, issuer=LAB_ISSUER,
                            options={"require": ["exp", "iat", "nbf", "aud", "iss"]}, leeway=60)
        problems = [f"{claim}={claims.get(claim)!r}, want {want!r}" for claim, want in
                    (("appid", expect["client_id"]), ("oid", expect["object_id"]), ("tid", LAB_TENANT)) if claims.get(claim) != want]
        return claims, problems


def expect_token(label, emulator, get, expect):
    _CURRENT[0] = label
    try:
        token = get()
        claims, problems = emulator.verify(token, expect)
        check(label, not problems, "; ".join(problems))
    except Exception as ex:  # noqa: BLE001
        check(label, False, f"{type(ex).__name__}: {str(ex)[:400]}")


def azure_token(credential):
    return credential.get_token(SCOPE).token


def msal_token(identity):
    client = msal.ManagedIdentityClient(identity, http_client=requests.Session())
    result = client.acquire_token_for_client(resource=RESOURCE)
    if "access_token" not in result:
        raise RuntimeError(f"MSAL: {result.get('error')}: {result.get('error_description')}")
    return result["access_token"]


def expect_identity_not_found(label, get, expected="Identity not found"):
    """The SDK must fail and quote the service's message: IMDS says 'Identity not found', App Service
    'Unable to load the proper Managed Identity.' (its {"statusCode", "message"} error body)."""
    _CURRENT[0] = label
    try:
        get()
        check(label, False, "a token came back for an unknown client id")
    except Exception as ex:  # noqa: BLE001
        message = str(ex)
        if expected in message:
            check(label, True)
        else:
            check(label, False, f"the SDK's error does not say {expected!r}: {type(ex).__name__}: {message[:300]}")


def set_mode(mode, base):
    for var in ("AZURE_POD_IDENTITY_AUTHORITY_HOST", "IDENTITY_ENDPOINT", "IDENTITY_HEADER"):
        os.environ.pop(var, None)
    if mode == "imds":
        os.environ["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = base
    else:
        os.environ["IDENTITY_ENDPOINT"] = base + "/msi/token"
        os.environ["IDENTITY_HEADER"] = IDENTITY_HEADER


def dac(**kwargs):
    # Developer credentials after managed identity are excluded so a failure cannot fall through to them.
    return DefaultAzureCredential(exclude_cli_credential=True, exclude_powershell_credential=True,
                                  exclude_developer_cli_credential=True, exclude_visual_studio_code_credential=True,
                                  exclude_shared_token_cache_credential=True, **kwargs)


def run_mode(mode, emulator):
    print(f"\n[{mode}] " + ("AZURE_POD_IDENTITY_AUTHORITY_HOST=" + emulator.base if mode == "imds"
                            else "IDENTITY_ENDPOINT=" + emulator.base + "/msi/token + IDENTITY_HEADER"), flush=True)
    set_mode(mode, emulator.base)
    expect_token(f"{mode}: azure-identity ManagedIdentityCredential() -> system-assigned", emulator,
                 lambda: azure_token(ManagedIdentityCredential()), SYSTEM)
    expect_token(f"{mode}: azure-identity ManagedIdentityCredential(client_id=id-orders)", emulator,
                 lambda: azure_token(ManagedIdentityCredential(client_id=ORDERS["client_id"])), ORDERS)
    expect_token(f"{mode}: azure-identity ManagedIdentityCredential(identity_config={{'object_id': ...}})", emulator,
                 lambda: azure_token(ManagedIdentityCredential(identity_config={"object_id": ORDERS["object_id"]})), ORDERS)
    expect_token(f"{mode}: azure-identity DefaultAzureCredential()", emulator, lambda: azure_token(dac()), SYSTEM)
    expect_token(f"{mode}: azure-identity DefaultAzureCredential(managed_identity_client_id=id-orders)", emulator,
                 lambda: azure_token(dac(managed_identity_client_id=ORDERS["client_id"])), ORDERS)
    expect_token(f"{mode}: msal ManagedIdentityClient(SystemAssignedManagedIdentity())", emulator,
                 lambda: msal_token(msal.SystemAssignedManagedIdentity()), SYSTEM)
    expect_token(f"{mode}: msal ManagedIdentityClient(UserAssignedManagedIdentity(client_id=id-orders))", emulator,
                 lambda: msal_token(msal.UserAssignedManagedIdentity(client_id=ORDERS["client_id"])), ORDERS)
    expected = "Identity not found" if mode == "imds" else "Unable to load the proper Managed Identity."
    expect_identity_not_found(f"{mode}: azure-identity unknown client id -> {expected!r}",
                              lambda: azure_token(ManagedIdentityCredential(client_id=UNKNOWN_CLIENT_ID)), expected)
    expect_identity_not_found(f"{mode}: msal unknown client id -> {expected!r}",
                              lambda: msal_token(msal.UserAssignedManagedIdentity(client_id=UNKNOWN_CLIENT_ID)), expected)


def run_probe(emulator):
    """DefaultAzureCredential probes IMDS without the Metadata header when the IMDS host is not overridden;
    with the override it skips the probe. Force the probe (a private switch) to see the emulator's answer to it."""
    print("\n[probe] DefaultAzureCredential's IMDS probe (no Metadata header, any HTTP answer means 'IMDS is there')", flush=True)
    set_mode("imds", emulator.base)
    from azure.identity._credentials.imds import ImdsCredential
    credential = ImdsCredential(_enable_imds_probe=True)
    credential._endpoint_available = None  # pretend the host was not overridden
    before = len(SEEN)
    expect_token("probe: ImdsCredential with the probe on still gets a token", emulator, lambda: credential.get_token(SCOPE).token, SYSTEM)
    sent = SEEN[before:]
    probe = [s for s in sent if "Metadata" not in s[3]]
    check("probe: the first request carried no Metadata header", bool(sent) and "Metadata" not in sent[0][3], str(sent[:1]))
    check("probe: exactly one probe, then the real request with Metadata: true",
          len(probe) == 1 and any(s[3].get("Metadata") == "true" for s in sent), str(sent))


def run_retry(base, status, count):
    print(f"\n[retry] the emulator answers the first {count} token requests with {status}", flush=True)
    emulator = Emulator(base)
    set_mode("imds", emulator.base)
    started = time.monotonic()
    expect_token(f"retry: azure-identity retries past {count}x {status} and gets a token", emulator,
                 lambda: azure_token(ManagedIdentityCredential()), SYSTEM)
    elapsed = time.monotonic() - started
    print(f"       took {elapsed:.1f} s (azure-identity backs off 0.8 s x 2^n, 2.5 s x 2^n for 410; the first retry is immediate)")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--retry-base")
    parser.add_argument("--retry-status", type=int, default=410)
    parser.add_argument("--retry-count", type=int, default=2)
    args = parser.parse_args()

    import azure.identity
    print(f"azure-identity {azure.identity.__version__}, msal {msal.__version__}, PyJWT {jwt.__version__}")
    emulator = Emulator(args.base)
    check("discovery: issuer is the lab issuer", emulator.openid.get("issuer") == LAB_ISSUER, str(emulator.openid.get("issuer")))
    check("discovery: jwks_uri points at the emulator", emulator.openid.get("jwks_uri", "").startswith(emulator.base), emulator.openid.get("jwks_uri"))
    with urllib.request.urlopen(emulator.openid["jwks_uri"], timeout=5) as r:
        keys = json.load(r)["keys"]
    check("jwks: public members only", all(not ({"d", "p", "q", "dp", "dq", "qi"} & set(k)) for k in keys), str(keys))

    run_mode("imds", emulator)
    run_mode("app-service", emulator)
    run_probe(emulator)
    if args.retry_base:
        run_retry(args.retry_base, args.retry_status, args.retry_count)

    print("\nwhat the SDKs sent (first request of each client):")
    shown = set()
    for label, method, url, headers in SEEN:
        if label in shown or "/discovery" in url or "openid" in url:
            continue
        shown.add(label)
        print(f"  {label}\n     {method} {url}\n     headers: {', '.join(f'{k}: {v}' for k, v in headers.items())}")
    check("network: nothing but 127.0.0.1 was contacted", not BLOCKED, f"blocked: {sorted(set(BLOCKED))}")
    print(f"\n{len(PASSES)} passed, {len(FAILURES)} failed")
    for failure in FAILURES:
        print("  FAILED: " + failure)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
