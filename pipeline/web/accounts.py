"""Accounts, API tokens and the service's settings, kept in the store's database.

Passwords are hashed with Argon2 (argon2-cffi); an API token is shown once when it is made and only
its SHA-256 digest is kept, so a stolen database yields neither. Revoking a token is immediate.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.web.records import ROLES, SettingRow, TokenRow, UserRow

TOKEN_PREFIX = "gw_"
MIN_PASSWORD_LENGTH = 8
_hasher = PasswordHasher()
# verifying an unknown name costs as much as a known one: no timing tells which names exist
_UNKNOWN_USER_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str

    def may(self, role: str) -> bool:
        """An admin may do what a director may, and a director what a clerk may."""
        return ROLES.index(self.role) >= ROLES.index(role)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _account(row: UserRow) -> Account:
    return Account(row.id, row.name, row.role)


def add_user(engine, name: str, role: str, password: str) -> Account:
    name = name.strip()
    if not name or len(name) > 100:
        raise ConfigError("用户名不能为空，且不超过 100 个字符。")
    if role not in ROLES:
        raise ConfigError(f"角色“{role}”无效，可选：{'、'.join(ROLES)}。")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ConfigError(f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。")
    with Session(engine) as session, session.begin():
        if session.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
            raise ConfigError(f"用户“{name}”已存在。")
        row = UserRow(name=name, role=role, password_hash=_hasher.hash(password), active=True, created_at=_now())
        session.add(row)
        session.flush()
        return _account(row)


def set_password(engine, name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ConfigError(f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。")
    with Session(engine) as session, session.begin():
        row = _user_named(session, name)
        row.password_hash = _hasher.hash(password)


def set_active(engine, name: str, active: bool) -> None:
    with Session(engine) as session, session.begin():
        _user_named(session, name).active = active


def _user_named(session: Session, name: str) -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.name == name))
    if row is None:
        raise ConfigError(f"用户“{name}”不存在。")
    return row


def list_users(engine) -> list[UserRow]:
    with Session(engine, expire_on_commit=False) as session:
        return list(session.scalars(select(UserRow).order_by(UserRow.name)))


def authenticate(engine, name: str, password: str) -> Account | None:
    with Session(engine) as session, session.begin():
        row = session.scalar(select(UserRow).where(UserRow.name == name.strip()))
        try:
            _hasher.verify(row.password_hash if row else _UNKNOWN_USER_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None or not row.active:
            return None
        if _hasher.check_needs_rehash(row.password_hash):
            row.password_hash = _hasher.hash(password)
        return _account(row)


def account_by_id(engine, user_id: int) -> Account | None:
    with Session(engine) as session:
        row = session.get(UserRow, user_id)
        return _account(row) if row is not None and row.active else None


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(engine, name: str, label: str = "") -> tuple[int, str]:
    """A new token for user ``name``: (its id, the token itself, shown this once)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with Session(engine) as session, session.begin():
        user = _user_named(session, name)
        row = TokenRow(user_id=user.id, digest=token_digest(token), label=label.strip()[:200], created_at=_now())
        session.add(row)
        session.flush()
        return row.id, token


def revoke_token(engine, token_id: int) -> None:
    with Session(engine) as session, session.begin():
        row = session.get(TokenRow, token_id)
        if row is None:
            raise ConfigError(f"令牌 {token_id} 不存在。")
        row.revoked_at = row.revoked_at or _now()


def list_tokens(engine) -> list[tuple[TokenRow, str]]:
    """Every token with its user's name, newest first."""
    with Session(engine, expire_on_commit=False) as session:
        rows = session.execute(select(TokenRow, UserRow.name).join(UserRow, TokenRow.user_id == UserRow.id)
                               .order_by(TokenRow.id.desc()))
        return [(token, name) for token, name in rows]


def account_for_token(engine, token: str) -> Account | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    with Session(engine) as session, session.begin():
        found = session.execute(select(TokenRow, UserRow).join(UserRow, TokenRow.user_id == UserRow.id)
                                .where(TokenRow.digest == token_digest(token))).first()
        if found is None:
            return None
        row, user = found
        if row.revoked_at is not None or not user.active:
            return None
        row.last_used_at = _now()
        return _account(user)


def setting(engine, key: str) -> str | None:
    with Session(engine) as session:
        row = session.get(SettingRow, key)
        return row.value if row else None


def set_setting(engine, key: str, value: str) -> None:
    with Session(engine) as session, session.begin():
        row = session.get(SettingRow, key)
        if row is None:
            session.add(SettingRow(key=key, value=value))
        else:
            row.value = value


def session_secret(engine) -> str:
    """The key that signs session cookies: made once and kept, so a restart keeps people logged in."""
    secret = setting(engine, "session_secret")
    if secret is None:
        try:
            set_setting(engine, "session_secret", secrets.token_urlsafe(48))
        except IntegrityError:  # another process made it at the same moment: theirs is kept
            pass
        secret = setting(engine, "session_secret")
    return secret
