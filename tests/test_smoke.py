from tests.support import Api, data


def test_team_roundtrip(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, description="Handles sales")
    assert team["member_count"] == 0
    assert team["created_at"] == team["updated_at"]
    agent = api.new_user(admin)
    api.add_member(admin, team["id"], agent)
    got = data(admin.get(f"/api/teams/{team['id']}"))["team"]
    assert got["member_count"] == 1
    assert got["members"][0]["user_id"] == agent.id
