"""Demo data of coalitions: three coalitions, a learning network, a Werkstatt project.

Idempotent: coalitions are found by (network, title), members by (coalition, person),
everything below them by a natural key of its own, so `seed_demo` can run at every start.
Dates are relative to today, so the demo always has past and upcoming milestones.
"""

from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from events import services as event_services
from events.models import Event, Series
from qnet import services as qnet_services
from qnet.demo import DEMO_PASSWORD
from qnet.markup import render_markdown
from qnet.models import NetworkMembership, Role, School, User

from .models import (
    Card,
    CardDeck,
    Coalition,
    CoalitionMember,
    CounsellingRequest,
    LearningQuestion,
    Milestone,
    Post,
    Prioritisation,
    PrioritisationPick,
    ProgressNote,
    Resource,
    Thread,
)
from .services.coalitions import coalition_update

# Extra people of the demo: (email, name, school, role in the school).
# The series the events demo seeds (events/demo.py), which the learning network owns.
LEARNING_SERIES_TITLE = "Learning network: learning culture and quality"

EXTRA_PEOPLE = [
    ("bente.brouwer@example.org", "Bente Brouwer", "School B", Role.SCHOOL_STAFF),
    ("carla.conrad@example.org", "Carla Conrad", "School C", Role.SCHOOL_LEADER),
    ("cem.celik@example.org", "Cem Çelik", "School C", Role.SCHOOL_STAFF),
    ("dora.dahl@example.org", "Dora Dahl", "School D", Role.SCHOOL_LEADER),
    ("dirk.decker@example.org", "Dirk Decker", "School D", Role.SCHOOL_STAFF),
]
PROJECT_SCHOOL_NAMES = [f"Project school {n}" for n in range(13, 21)]
WERKSTATT_FIRST_NAMES = [
    "Elif", "Finn", "Greta", "Hannes", "Ida", "Jonas", "Katrin", "Lukas",
    "Mira", "Noah", "Olga", "Paul", "Quirin", "Rosa", "Selin", "Tom",
]  # fmt: skip

DROPOUT_CARDS = [
    (
        "Which students are we about to lose, and how do we know?",
        "List the signals you already collect: absences, missed deadlines, grades. "
        "Agree who looks at them and how often.",
    ),
    (
        "What does our absence data tell us per class and per week?",
        "Plot absences per week for one class. Look for patterns before holidays, "
        "after exams and on particular days.",
    ),
    (
        "Who is the first person a student talks to when things go wrong?",
        "Make the mentor's role visible. Check that every student can name their mentor.",
    ),
    (
        "How do we talk with a student who is thinking of leaving?",
        "Use open questions. Plan a follow-up conversation within a week and note what was agreed.",
    ),
    (
        "What do students say about why they leave?",
        "Read the exit interviews of last year. Ask two leavers whether they would talk "
        "to the team.",
    ),
    (
        "How well does our intake match students with the right programme?",
        "Compare the dropout rate of the first ten weeks per programme. Invite the intake "
        "team to the next team meeting.",
    ),
    (
        "Which agreements with parents or companies help students stay?",
        "Collect examples of good arrangements with work placements and families.",
    ),
    (
        "What do teachers need to act on early signals?",
        "Ask the team what keeps them from acting: time, knowledge, clear routines?",
    ),
    (
        "How do we know whether what we do against dropout works?",
        "Choose one measure and one figure to follow for a term. Look at it together.",
    ),
    (
        "Where does a student go when the mentor is not available?",
        "Write down the route for urgent cases and put it where students will see it.",
    ),
]

LEARNING_QUESTIONS = {
    "leader-a@example.org": (
        "How can I make our team meetings a place where teachers learn from each other "
        "instead of only sharing news?",
        True,
        [
            "First meeting: we tried a ten-minute 'what worked this week' round. Good energy, "
            "but the same three people spoke.",
            "Second meeting: pairs instead of the round. Everyone spoke; two colleagues "
            "asked to visit each other's lessons.",
        ],
    ),
    "staff-a@example.org": (
        "What does quality care look like for a teacher, not only for the quality team?",
        False,
        ["I asked five colleagues what 'quality' means to them. Five different answers."],
    ),
    "leader-b@example.org": (
        "How do I give my teams ownership of their results without leaving them alone "
        "with the figures?",
        True,
        [
            "Agreed with two team leaders that they present their own figures at the next "
            "staff meeting."
        ],
    ),
    "bente.brouwer@example.org": (
        "How can student feedback become a regular part of how we improve lessons?",
        False,
        [],
    ),
    "carla.conrad@example.org": (
        "Which habits of our school help a learning culture, and which stand in its way?",
        True,
        ["Made a list with the management team; the longest column was 'in the way'."],
    ),
    "cem.celik@example.org": (
        "How do I, as a new quality officer, win the trust of experienced teams?",
        False,
        ["Started by joining team meetings as a listener for a month."],
    ),
    "dora.dahl@example.org": (
        "What should a quality calendar for a small school contain, and what can we leave out?",
        True,
        [],
    ),
    "dirk.decker@example.org": (
        "How can we make the results of our self-assessment visible to the whole staff?",
        False,
        ["A poster in the staff room got more reactions than the report did."],
    ),
}


def _person(email: str, full_name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _member(coalition, person, school, role) -> CoalitionMember:
    member, _ = CoalitionMember.objects.get_or_create(
        coalition=coalition, person=person, defaults={"school": school, "role": role}
    )
    return member


def _coalition(network, title, **defaults) -> Coalition:
    coalition, _ = Coalition.objects.get_or_create(network=network, title=title, defaults=defaults)
    return coalition


def _thread(coalition, title, posts) -> None:
    thread, created = Thread.objects.get_or_create(
        coalition=coalition, title=title, defaults={"created_by": posts[0][0]}
    )
    if not created:
        return
    for author, body in posts:
        post = Post.objects.create(
            thread=thread, author=author, body=body, body_html=render_markdown(body)
        )
        thread.last_post_at = post.created_at
    thread.save(update_fields=["last_post_at"])


def _resource(coalition, title, **fields) -> None:
    description = fields.pop("description", "")
    Resource.objects.get_or_create(
        coalition=coalition,
        title=title,
        defaults={
            "description": description,
            "description_html": render_markdown(description),
            **fields,
        },
    )


@transaction.atomic
def seed(world: dict) -> None:
    network = world["network"]
    authority = world["demo_authority"]
    schools = world["schools"]
    people = world["people"]
    today = timezone.localdate()

    for email, name, school_name, role in EXTRA_PEOPLE:
        people[email] = _person(email, name)
        qnet_services.membership_grant(
            actor=None, user=people[email], role=role, scope=schools[school_name]
        )

    # The Werkstatt brings the authority's other schools into the network.
    for name in PROJECT_SCHOOL_NAMES:
        schools[name], _ = School.objects.get_or_create(
            authority=authority, name=name, defaults={"city": "Demohausen", "kind": "vocational"}
        )
    project_school_names = [
        name for name in schools if name.startswith("School ") and len(name) == 8
    ] + PROJECT_SCHOOL_NAMES
    for name in project_school_names:
        NetworkMembership.objects.get_or_create(
            network=network, school=schools[name], defaults={"since": date(2025, 8, 1)}
        )

    _seed_coalitions(network, schools, people, today)
    _seed_learning_network(network, schools, people, today)
    _seed_werkstatt(network, schools, people, project_school_names, today)
    _seed_counselling(network, schools, people)


def _seed_coalitions(network, schools, people, today) -> None:
    dropout = _coalition(
        network,
        "Data against dropout",
        kind=Coalition.Kind.COALITION,
        central_question="How can teams use data to see early why students drop out, "
        "and prevent it?",
        goal="Every team knows its three most telling early signals and has a routine "
        "for acting on them.",
        expected_output="A summary of the literature on dropout, absence and motivation, "
        "and a card deck for team conversations.",
        needs="Anonymised absence figures from the participating schools; one afternoon a month.",
        status=Coalition.Status.ACTIVE,
        period_start=today - timedelta(days=200),
        period_end=today + timedelta(days=160),
    )
    _member(dropout, people["leader_b"], schools["School B"], CoalitionMember.Role.LEAD)
    _member(dropout, people["staff_a"], schools["School A"], CoalitionMember.Role.MEMBER)
    _member(dropout, people["leader_a"], schools["School A"], CoalitionMember.Role.MEMBER)
    _member(
        dropout,
        people["carla.conrad@example.org"],
        schools["School C"],
        CoalitionMember.Role.CRITICAL_FRIEND,
    )
    _member(dropout, people["facilitator"], None, CoalitionMember.Role.EXPERT)
    _thread(
        dropout,
        "Which absence figures can we share?",
        [
            (
                people["leader_b"],
                "Before our next meeting: which absence figures can each school share "
                "**without** naming students? Weekly totals per class would be enough.",
            ),
            (
                people["staff_a"],
                "School A can share weekly totals per class from last school year. "
                "I will bring them as a spreadsheet.",
            ),
        ],
    )
    deck, _ = CardDeck.objects.get_or_create(
        coalition=dropout,
        title="Grip on dropout",
        defaults={
            "description": "Conversation cards for a team that wants to understand and "
            "prevent dropout. Each card has a question on the front and suggestions on "
            "the back."
        },
    )
    cards = []
    for order, (front, back) in enumerate(DROPOUT_CARDS, start=1):
        card, _ = Card.objects.get_or_create(
            deck=deck, front=front, defaults={"back": back, "order": order}
        )
        cards.append(card)
    prioritisation, created = Prioritisation.objects.get_or_create(
        deck=deck,
        school=schools["School A"],
        status=Prioritisation.Status.FINISHED,
        defaults={"created_by": people["leader_a"], "finished_at": timezone.now()},
    )
    if created:
        for rank, index in enumerate((2, 0, 7, 3), start=1):
            PrioritisationPick.objects.create(
                prioritisation=prioritisation, card=cards[index], rank=rank
            )

    kinds = [
        (
            "Early-signal routine of School A",
            Resource.Kind.GOOD_PRACTICE,
            Resource.Visibility.PUBLIC,
            "School A",
            "How the mentors of School A look at absences every Monday and who calls whom.",
            "early signals,dropout,mentoring",
        ),
        (
            "Template: weekly absence overview",
            Resource.Kind.MATERIAL,
            Resource.Visibility.NETWORK,
            "School B",
            "A spreadsheet layout for weekly absences per class, ready to fill in.",
            "absence,data",
        ),
        (
            "Case: the student who stopped coming after the work placement",
            Resource.Kind.CASE,
            Resource.Visibility.COALITION,
            "School B",
            "An anonymised case description that the coalition discussed in its third meeting.",
            "case,dropout,work placement",
        ),
        (
            "What research says about absence and motivation",
            Resource.Kind.LITERATURE_SUMMARY,
            Resource.Visibility.PUBLIC,
            None,
            "The coalition's summary of ten studies on dropout, absence and motivation, "
            "with the **five findings** that matter most for teams.",
            "dropout,literature,motivation",
        ),
        (
            "Innovation and quality: friend or foe?",
            Resource.Kind.PUBLICATION,
            Resource.Visibility.PUBLIC,
            None,
            "The coffee-table book of the innovation coalition: cases and the quality "
            "aspects drawn from them.",
            "innovation,publication",
        ),
        (
            "Grip on dropout – printable card set",
            Resource.Kind.TOOL,
            Resource.Visibility.NETWORK,
            None,
            "The conversation cards of the deck as a printable set, with the prioritisation sheet.",
            "cards,dropout,tool",
        ),
    ]
    for index, (title, kind, visibility, school, description, tags) in enumerate(kinds):
        _resource(
            dropout,
            title,
            kind=kind,
            visibility=visibility,
            school=schools[school] if school else None,
            description=description,
            tags=tags,
            link=f"https://example.org/qnet-demo/library/{index + 1}",
            created_by=people["leader_b"],
        )

    teams = _coalition(
        network,
        "Teams in charge",
        kind=Coalition.Kind.COALITION,
        central_question="What do teams need to take ownership of the quality of their education?",
        goal="A development path for everyone who leads or drives quality in a team.",
        expected_output="A programme of four sessions and a set of peer-review formats.",
        needs="Two team leaders per school who want to try the formats.",
        status=Coalition.Status.ACTIVE,
        period_start=today - timedelta(days=90),
        period_end=today + timedelta(days=270),
    )
    _member(teams, people["leader_a"], schools["School A"], CoalitionMember.Role.LEAD)
    _member(
        teams, people["dora.dahl@example.org"], schools["School D"], CoalitionMember.Role.MEMBER
    )
    _member(
        teams, people["cem.celik@example.org"], schools["School C"], CoalitionMember.Role.MEMBER
    )
    _thread(
        teams,
        "Peer review: who tries it first?",
        [
            (
                people["leader_a"],
                "We have three peer-review formats from the last session. Which team "
                "would like to try one before the holidays?",
            ),
            (
                people["dora.dahl@example.org"],
                "Our year-two team would like to try the *lesson visit in pairs*.",
            ),
        ],
    )

    innovation = _coalition(
        network,
        "Innovation and quality",
        kind=Coalition.Kind.COALITION,
        central_question="How can quality officers safeguard and strengthen the quality "
        "of educational innovations?",
        goal="Name the quality aspects that every innovation should look at.",
        expected_output="A coffee-table book with cases and quality aspects.",
        status=Coalition.Status.CLOSED,
        result_summary="Eleven cases were shared and seven quality aspects drawn from them. "
        "The book is in the library.",
        period_start=today - timedelta(days=600),
        period_end=today - timedelta(days=120),
    )
    _member(innovation, people["leader_b"], schools["School B"], CoalitionMember.Role.LEAD)
    _member(innovation, people["staff_a"], schools["School A"], CoalitionMember.Role.MEMBER)


def _seed_learning_network(network, schools, people, today) -> None:
    learning = _coalition(
        network,
        "Learning culture and quality care",
        kind=Coalition.Kind.LEARNING_NETWORK,
        is_closed_group=True,
        member_limit=10,
        central_question="How are quality care and the culture of a school connected, "
        "and what does that ask of everyone in it?",
        goal="Each participant works on their own learning question and brings what they "
        "learn back to their school.",
        expected_output="Learning questions with progress notes; examples to share with "
        "schools outside the learning network.",
        needs="A school leader and one colleague per school; presence at all five meetings.",
        status=Coalition.Status.ACTIVE,
        period_start=today - timedelta(days=60),
        period_end=today + timedelta(days=200),
    )
    _member(learning, people["facilitator"], None, CoalitionMember.Role.FACILITATOR)
    participants = [
        (people["leader_a"], "School A"),
        (people["staff_a"], "School A"),
        (people["leader_b"], "School B"),
        (people["bente.brouwer@example.org"], "School B"),
        (people["carla.conrad@example.org"], "School C"),
        (people["cem.celik@example.org"], "School C"),
        (people["dora.dahl@example.org"], "School D"),
        (people["dirk.decker@example.org"], "School D"),
    ]
    for person, school in participants:
        member = _member(learning, person, schools[school], CoalitionMember.Role.MEMBER)
        text, shared, notes = LEARNING_QUESTIONS[person.email]
        question, created = LearningQuestion.objects.get_or_create(
            member=member, defaults={"text": text, "shared_with_group": shared}
        )
        if created:
            for index, note in enumerate(notes):
                ProgressNote.objects.create(
                    question=question,
                    author=person,
                    text=note,
                    noted_on=today - timedelta(days=45 - 21 * index),
                )
            if notes:
                ProgressNote.objects.create(
                    question=question,
                    author=people["facilitator"],
                    text="Good step. For the next meeting: what will you try differently, "
                    "and how will you notice that it works?",
                    noted_on=today - timedelta(days=10),
                )
    _own_series(learning, network, people)
    _thread(
        learning,
        "Reading for the second meeting",
        [
            (
                people["facilitator"],
                "For our second meeting, please read the short text on *learning cultures* "
                "in the library and bring one sentence that struck you.",
            ),
        ],
    )


def _own_series(learning, network, people) -> None:
    """The learning network runs the events demo's series of five meetings, for its
    members: its facilitator adds meetings and reads the attendance across them."""
    if learning.series_id is not None:
        return
    series = Series.objects.filter(network=network, title=LEARNING_SERIES_TITLE).first()
    if series is None:
        return
    coordinator = people["coordinator"]
    coalition_update(actor=coordinator, coalition=learning, series=series)
    for meeting in series.events.exclude(status=Event.Status.CANCELLED):
        if meeting.audience != Event.Audience.COALITION:
            event_services.event_update(
                actor=coordinator, event=meeting, audience=Event.Audience.COALITION
            )


def _seed_werkstatt(network, schools, people, project_school_names, today) -> None:
    werkstatt = _coalition(
        network,
        "Werkstatt: counselling rethought",
        kind=Coalition.Kind.PROJECT,
        central_question="How can counselling for quality management become more flexible "
        "and fit each school better?",
        goal="Project schools develop and try new forms of counselling in a protected "
        "setting and pass on what they learn.",
        expected_output="Tried and evaluated counselling settings, and recommendations for "
        "the network's counselling.",
        needs="A Werkstatt team of two to four people per project school.",
        status=Coalition.Status.ACTIVE,
        period_start=today - timedelta(days=300),
        period_end=today + timedelta(days=400),
    )
    known = {
        "School A": (people["staff_a"], CoalitionMember.Role.LEAD),
        "School B": (people["leader_b"], CoalitionMember.Role.MEMBER),
        "School C": (people["carla.conrad@example.org"], CoalitionMember.Role.MEMBER),
        "School D": (people["dora.dahl@example.org"], CoalitionMember.Role.MEMBER),
    }
    first_names = iter(WERKSTATT_FIRST_NAMES)
    for name in project_school_names:
        if name in known:
            person, role = known[name]
        else:
            slug = name.lower().replace(" ", "-")
            person = _person(f"werkstatt-{slug}@example.org", f"{next(first_names)} ({name})")
            qnet_services.membership_grant(
                actor=None, user=person, role=Role.SCHOOL_STAFF, scope=schools[name]
            )
            role = CoalitionMember.Role.MEMBER
        _member(werkstatt, person, schools[name], role)
    _member(werkstatt, people["facilitator"], None, CoalitionMember.Role.EXPERT)
    milestones = [
        ("Digital kick-off of all project schools", -290, Milestone.Status.DONE),
        ("Workshop at the big workbench: optimise the counselling process", -200, "done"),
        ("Each project school names its development field", -120, Milestone.Status.DONE),
        ("Try the new counselling settings at the schools", 30, Milestone.Status.IN_PROGRESS),
        ("Evaluate the settings with critical friends", 150, Milestone.Status.PLANNED),
        ("Share the results with the whole network", 380, Milestone.Status.PLANNED),
    ]
    for title, days, status in milestones:
        Milestone.objects.get_or_create(
            coalition=werkstatt,
            title=title,
            defaults={"due_on": today + timedelta(days=days), "status": status},
        )
    _thread(
        werkstatt,
        "What did you try at your school?",
        [
            (
                people["staff_a"],
                "We tried a counselling session with a project group instead of the whole "
                "staff. Shorter, and much more concrete. Who else tried a new setting?",
            ),
        ],
    )


def _seed_counselling(network, schools, people) -> None:
    CounsellingRequest.objects.get_or_create(
        network=network,
        school=schools["School A"],
        topic="Setting up peer lesson visits",
        defaults={
            "requested_by": people["leader_a"],
            "kind": CounsellingRequest.Kind.PROCESS,
            "preferred_dates": "Tuesday or Thursday afternoons in the next two months.",
        },
    )
    CounsellingRequest.objects.get_or_create(
        network=network,
        school=schools["School B"],
        topic="Reading our student survey results with the teams",
        defaults={
            "requested_by": people["leader_b"],
            "kind": CounsellingRequest.Kind.EXPERT,
            "preferred_dates": "Any Wednesday morning.",
            "status": CounsellingRequest.Status.SCHEDULED,
            "adviser": people["facilitator"],
            "notes": "First session agreed for a Wednesday morning at School B.",
        },
    )
