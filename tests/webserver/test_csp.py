import base64
import hashlib

from webserver.csp import build_policy, inline_script_hashes


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_hashes_every_inline_script_and_skips_external_ones(tmp_path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<html><head><script>window.a = "&amp;<b>";</script>'
        '<script src="/x.js"></script></head><body><script type="module">go()</script></body>'
    )
    (tmp_path / "sub" / "page.html").write_text("<script>go()</script><script> </script>")
    hashes = inline_script_hashes(tmp_path)
    # The browser hashes the raw text between the tags, entities untouched.
    assert hashes == sorted({_sha('window.a = "&amp;<b>";'), _sha("go()")})


def test_policy_is_strict() -> None:
    policy = build_policy(["'sha256-abc'"])
    assert "script-src 'self' 'sha256-abc'" in policy
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
                      "form-action 'self'", "connect-src 'self'"):
        assert directive in policy
    assert "unsafe-eval" not in policy
    assert "script-src 'self' 'unsafe-inline'" not in policy
