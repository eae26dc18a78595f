from importlib import resources
from pathlib import Path

from sqlmodel import Session, func, select

from helpline.cli import main
from helpline.db import get_engine
from helpline.models import NewsArticle, Platform, QuizVersion, StaffUser


def _count(model) -> int:
    with Session(get_engine()) as s:
        return s.exec(select(func.count()).select_from(model)).one()


def test_migrate_seed_is_idempotent(data_dir, capsys) -> None:
    assert main(["migrate"]) == 0
    assert main(["seed-demo"]) == 0
    counts = [_count(m) for m in (StaffUser, Platform, QuizVersion, NewsArticle)]
    assert all(counts[:3])
    # Every practical sheet of the demo folder is published (once).
    sheets = Path(str(resources.files("helpline.demo_data"))) / "sheets"
    assert counts[3] == len(list(sheets.glob("*/*.md")))
    assert main(["seed-demo"]) == 0
    assert [_count(m) for m in (StaffUser, Platform, QuizVersion, NewsArticle)] == counts
    capsys.readouterr()
    assert main(["demo-logins"]) == 0  # what `make run` prints last
    out = capsys.readouterr().out
    assert "ecoutante@abri.example" in out and "demo-abri-3018" in out
    assert "superviseur@abri.example opens every area" in out
    assert "two-factor" in out and "ABRI_OPENING_HOURS=24/7" in out


def test_seed_demo_refuses_production(data_dir, monkeypatch, capsys) -> None:
    monkeypatch.setenv("ABRI_ENV", "production")
    from helpline.config import get_settings

    get_settings.cache_clear()
    assert main(["seed-demo"]) == 2
    assert "local mode" in capsys.readouterr().err


def test_create_staff_reports_bad_input_and_writes_nothing(data_dir, capsys) -> None:
    main(["migrate"])
    assert main(["create-staff", "a@b.example", "--role", "admin", "--password", "short"]) == 2
    assert "12 characters" in capsys.readouterr().err
    assert _count(StaffUser) == 0
    assert main(["create-staff", "a@b.example", "--role", "admin", "--role", "supervisor",
                 "--password", "a long enough password"]) == 0
    assert _count(StaffUser) == 1


def test_generate_key_never_overwrites(data_dir, capsys) -> None:
    out = data_dir / "operator.key"
    assert main(["generate-key", "--out", str(out)]) == 0
    before = out.read_text()
    assert '"generated": false' in before
    assert main(["generate-key", "--out", str(out)]) == 2
    assert out.read_text() == before
