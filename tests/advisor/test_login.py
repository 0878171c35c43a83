"""Logging in: sessions, CSRF, cookies, security headers and slowing down password guessing."""

from __future__ import annotations

from advisor.passwords import hash_password, verify_password
from tests.advisor.conftest import PASSWORD, World

ANNA = "anna@vhs-krefeld.example"


def test_login_opens_the_inbox_with_a_strict_httponly_cookie(world: World) -> None:
    client = world.client()
    response = client.login(ANNA, PASSWORD)
    assert response.status == 303 and response.location == "/rueckrufe"
    cookie = next(c for c in response.set_cookies if c.startswith("lotse_beratung="))
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Secure" not in cookie  # plain http on the local machine must still work
    assert "Erika Mustermann" in client.get("/rueckrufe").text


def test_cookies_are_secure_when_not_on_localhost(world: World) -> None:
    client = world.client(host="beratung.krefeld.example")
    response = client.login(ANNA, PASSWORD)
    assert response.status == 303
    assert all("Secure" in c for c in response.set_cookies if c.startswith("lotse_"))


def test_wrong_password_is_refused_with_a_german_message(world: World) -> None:
    client = world.client()
    response = client.login(ANNA, "falsch-falsch-falsch")
    assert response.status == 401
    assert "E-Mail-Adresse oder Passwort ist falsch." in response.text
    assert "lotse_beratung" not in client.cookies


def test_login_without_csrf_token_is_refused(world: World) -> None:
    client = world.client()
    response = client.post("/anmelden", {"email": ANNA, "passwort": PASSWORD})
    assert response.status == 403
    assert "lotse_beratung" not in client.cookies


def test_sixth_attempt_is_refused_even_with_the_right_password_until_the_lock_ends(world: World) -> None:
    client = world.client()
    for _ in range(5):
        assert client.login(ANNA, "geraten-geraten").status == 401
    locked = client.login(ANNA, PASSWORD)
    assert locked.status == 429
    assert "Zu viele fehlgeschlagene Anmeldungen" in locked.text and "09:01 Uhr" in locked.text
    assert "lotse_beratung" not in client.cookies
    world.clock.advance(seconds=59)
    assert client.login(ANNA, PASSWORD).status == 429
    world.clock.advance(seconds=2)
    assert client.login(ANNA, PASSWORD).status == 303


def test_lock_grows_with_every_further_failure(world: World) -> None:
    client = world.client()
    for _ in range(5):
        client.login(ANNA, "geraten-geraten")
    world.clock.advance(minutes=1, seconds=1)
    assert client.login(ANNA, "noch-ein-versuch").status == 401  # 6th failure: locked for 2 minutes now
    world.clock.advance(minutes=1, seconds=30)
    assert client.login(ANNA, PASSWORD).status == 429
    world.clock.advance(minutes=1)
    assert client.login(ANNA, PASSWORD).status == 303


def test_a_guesser_elsewhere_cannot_lock_the_advisor_out(world: World) -> None:
    guesser = world.client()
    for _ in range(30):
        guesser.login(ANNA, "geraten-geraten")
    assert guesser.login(ANNA, PASSWORD).status == 429
    anna = world.client(address="192.0.2.10")  # her own office, a new browser
    assert anna.login(ANNA, PASSWORD).status == 303


def test_a_guesser_at_the_same_address_cannot_lock_the_advisor_out_of_her_own_browser(world: World) -> None:
    anna = world.signed_in(ANNA)
    anna.post("/abmelden", {"csrf": anna.csrf("/rueckrufe")})
    guesser = world.client()  # same town hall, same address, no cookie of Anna's browser
    for number in range(30):
        guesser.login(ANNA if number % 2 else f"kollege{number}@vhs-krefeld.example", "geraten-geraten")
    refused = guesser.login(ANNA, PASSWORD)
    assert refused.status == 429 and "schon einmal angemeldet haben, gilt diese Wartezeit nicht" in refused.text
    assert anna.login(ANNA, PASSWORD).status == 303
    assert "Erika Mustermann" in anna.get("/rueckrufe").text


def test_unknown_accounts_are_throttled_like_known_ones(world: World) -> None:
    client = world.client()
    for _ in range(5):
        assert client.login("gibt-es-nicht@example.org", "irgendwas-langes").status == 401
    assert client.login("gibt-es-nicht@example.org", "irgendwas-langes").status == 429


def test_logout_ends_the_session_on_the_server(world: World) -> None:
    client = world.signed_in(ANNA)
    stolen = dict(client.cookies)
    response = client.post("/abmelden", {"csrf": client.csrf("/rueckrufe")})
    assert response.status == 303 and response.location == "/anmelden"
    thief = world.client()
    thief.cookies.update(stolen)
    assert thief.get("/rueckrufe").status == 303


def test_session_expires_after_a_working_day_even_when_used(world: World) -> None:
    client = world.signed_in(ANNA)
    for _ in range(29):  # every 20 minutes a page: 9 h 40 min of work
        world.clock.advance(minutes=20)
        assert client.get("/rueckrufe").status == 200
    world.clock.advance(minutes=21)
    response = client.get("/rueckrufe")
    assert response.status == 303 and response.location.startswith("/anmelden")


def test_session_ends_after_30_idle_minutes_and_the_advisor_is_told(world: World) -> None:
    client = world.signed_in(ANNA)
    page = client.get("/rueckrufe").text
    assert "Nach 30 Minuten ohne Aktivität werden Sie automatisch abgemeldet." in page
    world.clock.advance(minutes=29)
    assert client.get("/uebergaben").status == 200  # activity: the 30 minutes start again
    world.clock.advance(minutes=29)
    assert client.get("/rueckrufe").status == 200
    world.clock.advance(minutes=31)
    response = client.get("/rueckrufe")
    assert response.status == 303 and response.location == "/anmelden?abgemeldet=1"
    assert "Erika Mustermann" not in response.text
    told = client.get(response.location).text
    assert "Sie wurden abgemeldet: nach 30 Minuten ohne Aktivität" in told


def test_every_page_sends_the_security_headers(world: World) -> None:
    client = world.signed_in(ANNA)
    for path in ("/anmelden", "/rueckrufe", f"/uebergaben/{world.ids['ho_own']}", "/health"):
        headers = client.get(path).headers
        assert headers["content-security-policy"].startswith("default-src 'self'")
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
    assert client.get("/rueckrufe").headers["cache-control"] == "no-store"


def test_passwords_are_salted_scrypt_hashes() -> None:
    first, second = hash_password("ein-gutes-Passwort"), hash_password("ein-gutes-Passwort")
    assert first.startswith("scrypt$") and first != second
    assert verify_password("ein-gutes-Passwort", first)
    assert not verify_password("ein-gutes-passwort", first)
    assert not verify_password("ein-gutes-Passwort", None)
