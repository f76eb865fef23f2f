import anyio
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from rota.config import get_settings


class Passwords:
    def __init__(self) -> None:
        s = get_settings()
        self._hasher = PasswordHasher(
            time_cost=s.argon2_time_cost,
            memory_cost=s.argon2_memory_cost,
            parallelism=s.argon2_parallelism,
        )
        # verified when the email is unknown, so both cases take the same time
        self._dummy = self._hasher.hash("not a real password")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash or self._dummy, password) and bool(password_hash)
        except (VerificationError, InvalidHashError):
            return False


_passwords: Passwords | None = None


def passwords() -> Passwords:
    global _passwords
    if _passwords is None:
        _passwords = Passwords()
    return _passwords


# argon2 is deliberately slow: run it off the event loop.
async def hash_password(password: str) -> str:
    return await anyio.to_thread.run_sync(passwords().hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    return await anyio.to_thread.run_sync(passwords().verify, password_hash, password)
