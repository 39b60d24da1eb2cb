"""An author cannot support their own proposal: the button is replaced by the reason,
and a forged request is refused with it, nothing counted."""

from participation.models import Support


def test_author_sees_why_and_cannot_support(client, proposal, resident):
    client.force_login(resident)
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "Soutenir cette proposition" not in html
    assert "Vous ne pouvez pas soutenir votre propre proposition." in html

    response = client.post(f"/participation/propositions/{proposal.pk}/soutenir/")
    assert response.status_code == 403
    assert "Vous ne pouvez pas soutenir votre propre proposition." in (
        response.content.decode()
    )
    assert not Support.objects.exists()


def test_others_still_support_it(client, proposal, other_resident):
    client.force_login(other_resident)
    client.post(f"/participation/propositions/{proposal.pk}/soutenir/")
    assert Support.objects.filter(user=other_resident).exists()
