"""Demo content for The Newsroom Ledger, a fictional local newspaper.

This module holds the demo categories and stories used by the `seed_demo` management
command. A story's "image" is the kind of picture drawn for it and its main colour (see
`demo_images.py`), or None; an "inline_picture" goes in the media library and into the text;
"hours_ago" and "updated_hours_ago" are its history relative to the first seeding. Everything
here is invented: Harbourford, its institutions and its people are fictional, and links point at
example.org.
"""

CATEGORIES = [
    # (slug, name, description), in display order
    ("health", "Health", "Hospitals, public health and how we live well."),
    ("science", "Science", "Research, discoveries and the natural world around the estuary."),
    ("local", "Local", "Council decisions, transport, schools and life in Harbourford."),
    ("business", "Business", "Jobs, shops, the harbour economy and the people who run firms here."),
    ("culture", "Culture", "Arts, festivals, heritage and what's on across the district."),
    ("sport", "Sport", "Football, rowing, running and every club that takes part."),
]

# The sections' names and descriptions for German and French readers, as an editor would
# enter them in the section's translations.
CATEGORY_TRANSLATIONS = {
    "health": {
        "de": ("Gesundheit", "Krankenhäuser, öffentliche Gesundheit und wie wir gut leben."),
        "fr": ("Santé", "Hôpitaux, santé publique et comment bien vivre."),
    },
    "science": {
        "de": ("Wissenschaft", "Forschung, Entdeckungen und die Natur rund um die Mündung."),
        "fr": ("Sciences", "Recherche, découvertes et la nature autour de l’estuaire."),
    },
    "local": {
        "de": ("Lokales", "Ratsbeschlüsse, Verkehr, Schulen und das Leben in Harbourford."),
        "fr": ("Local", "Décisions du conseil, transports, écoles et vie à Harbourford."),
    },
    "business": {
        "de": ("Wirtschaft", "Arbeit, Geschäfte, der Hafen und die Menschen hinter den Firmen."),
        "fr": (
            "Économie",
            "Emploi, commerces, l’économie du port et ceux qui font les entreprises.",
        ),
    },
    "culture": {
        "de": ("Kultur", "Kunst, Feste, Kulturerbe und was im Bezirk los ist."),
        "fr": ("Culture", "Arts, festivals, patrimoine et sorties dans tout le district."),
    },
    "sport": {
        "de": ("Sport", "Fußball, Rudern, Laufen und jeder Verein, der mitmacht."),
        "fr": ("Sport", "Football, aviron, course à pied et tous les clubs qui participent."),
    },
}

STORIES = [
    {
        "slug": "harbourford-general-opens-overnight-urgent-care-unit",
        "category": "health",
        "headline": "Harbourford General opens overnight urgent care unit to ease emergency waits",
        "standfirst": (
            "The eight-bed unit will treat minor injuries and illnesses between 8pm and 8am, "
            "freeing emergency staff to focus on the most serious cases."
        ),
        "body": """<p>Harbourford General Hospital opened an overnight urgent care unit on
Monday evening, the first major change to its emergency services in more than a decade. The
unit, built in a former outpatient wing beside the main entrance, will see patients with
sprains, minor burns, infections and other problems that need prompt attention but are not
life-threatening.</p>
<p>Hospital managers say the aim is to shorten the long overnight waits that have become
common in the emergency department, where patients with minor complaints have often waited
six hours or more while staff dealt with ambulance arrivals. Figures published by the
hospital trust last spring showed that roughly a third of people attending after 10pm could
have been treated in a less specialised setting.</p>
<h2>How the unit will work</h2>
<p>Patients arriving at the main entrance will be assessed by a triage nurse, who will
direct them either to the emergency department or to the new unit. The service will be
staffed by two advanced nurse practitioners and a doctor each night, with access to X-ray
and basic laboratory tests.</p>
<ul>
  <li>Open every night from 8pm to 8am, including public holidays</li>
  <li>Eight treatment bays and a separate waiting area for children</li>
  <li>Walk-in only; no appointment or referral needed</li>
</ul>
<p>Emergency department staff, who have worked under heavy pressure through the past two
winters, were consulted on the design of the unit. Nurses asked for the separate children's
waiting area after raising concerns that families with young children were sitting for hours
beside patients who were drunk or distressed. The hospital says the unit will also have its
own pharmacy cupboard, so patients can leave with the first doses of any medicines they need
rather than waiting until a chemist opens in the morning.</p>
<p>The trust stressed that anyone with chest pain, difficulty breathing, signs of a stroke
or a serious injury should continue to call an ambulance or go straight to the emergency
department.</p>
<blockquote><p>“We are not adding a new front door to the hospital. We are making sure the
right person sees you sooner,” said the hospital's clinical lead for urgent care, speaking
at the opening.</p></blockquote>
<p>The unit cost about £1.4 million to fit out, paid for from a regional fund for reducing
hospital waiting times. Staff were recruited over the summer, and the trust says it has
filled all but one of the planned posts.</p>
<p>Patient groups in the town welcomed the opening but urged the hospital to publish regular
figures so residents can judge whether waiting times actually fall. The trust has said it
will report monthly on its website and review the service after six months. More information
is available on the <a href="https://example.org/harbourford-general/urgent-care">hospital's
urgent care page</a>.</p>""",
        "hours_ago": 3,
        "updated_hours_ago": None,
        "image": ("composition", "#2e6f95"),
        "image_alt": "An illustration in blue: a pale sun low over a horizon of block shapes",
        "comments_open": True,
    },
    {
        "slug": "flu-vaccination-clinics-extended-to-town-libraries",
        "category": "health",
        "headline": "Flu vaccination clinics extended to town libraries for the winter",
        "standfirst": (
            "Drop-in sessions will run on Saturdays at three branch libraries, after pharmacies "
            "reported long queues during the first weeks of the autumn programme."
        ),
        "body": """<p>Residents of Harbourford will be able to get their winter flu
vaccination at three branch libraries from next weekend, under a scheme agreed between the
district health board and the county library service. The drop-in clinics are intended for
people who find it hard to reach a surgery or pharmacy during the working week.</p>
<p>The sessions will be held on Saturday mornings at the Quayside, Northfield and Eastmoor
libraries, each staffed by two nurses from the community health team. Anyone eligible for a
free vaccination can attend without booking, although organisers advise bringing some form
of identification and a list of current medicines.</p>
<p>Pharmacists in the town centre said demand in October had been higher than expected, with
some reporting queues out of the door on the first two Saturdays of the programme. Health
officials believe the library clinics will spread that demand more evenly and reach
residents in outlying estates.</p>
<p>The health board said uptake in the town last winter was lower than the regional average
among people with long-term conditions, particularly those under 65 who are often at work
when surgeries are open. Officials hope that a familiar, central building with Saturday
opening will make it easier for that group to attend. Community health workers will also
visit sheltered housing schemes and the two largest care homes in the district, where
residents may find it difficult to travel at all.</p>
<h2>Who is eligible</h2>
<p>Free vaccinations are offered to the following groups this winter:</p>
<ul>
  <li>Adults aged 65 and over</li>
  <li>People with long-term conditions such as asthma, diabetes or heart disease</li>
  <li>Pregnant women</li>
  <li>Unpaid carers and people living with someone who has a weakened immune system</li>
</ul>
<p>The library service said the clinics would take place in meeting rooms away from the main
reading areas, and that normal opening hours would not be affected. Staff at the Northfield
branch have already taken calls from residents asking whether they can combine a vaccination
with returning their books, which the branch manager described as “exactly the idea”.</p>
<p>The health board expects to run the clinics until the end of January, and will decide in
the spring whether to repeat the arrangement next year. Full session times are listed on the
<a href="https://example.org/health-board/flu-clinics">health board's website</a>.</p>""",
        "hours_ago": 150,
        "updated_hours_ago": None,
        "image": None,
        "image_alt": "",
        "comments_open": True,
    },
    {
        "slug": "doctors-prescribe-walking-groups-in-six-month-pilot",
        "category": "health",
        "headline": "Doctors to prescribe walking groups in six-month pilot scheme",
        "standfirst": (
            "Four surgeries will refer patients with mild depression, high blood pressure or "
            "loneliness to volunteer-led walks along the coast path."
        ),
        "body": """<p>Family doctors in Harbourford will soon be able to refer patients to
weekly walking groups as part of their treatment, in a pilot that starts next month. Four
surgeries have signed up to the scheme, which is run by the district health board with the
support of a local ramblers' association.</p>
<p>The idea, sometimes called social prescribing, is that some patients benefit as much from
regular activity and company as they do from medication alone. Doctors taking part will be
able to refer adults with mild depression or anxiety, raised blood pressure, early type 2
diabetes, or those who say they feel isolated.</p>
<p>Each group will meet at the same time and place every week and follow a route of between
two and five miles, mostly on the flat stretch of coast path between the harbour wall and
Gull Point. Walks will be led by volunteers who have completed a short first aid course, and
each group will end at a café where walkers can stay for a drink if they wish.</p>
<p>Doctors involved say the scheme is not meant to replace medication or talking therapies,
but to sit alongside them. A practice nurse at one of the participating surgeries said many
of her patients already knew that exercise was good for them, but found it hard to start
alone, especially during the darker months of the year. Having a set time, a friendly face
and a route that does not require special equipment, she said, removes many of the excuses
people give themselves for staying at home.</p>
<blockquote><p>“Nobody is going to be marched up a hill. The first walk is about turning up,
and the second is about coming back,” said one of the volunteer leaders, a retired postman
who has walked the route for twenty years.</p></blockquote>
<p>Patients will be asked to fill in a short questionnaire about their mood, sleep and
general health at the start of the scheme and again after three and six months. Researchers
from the regional university will analyse the anonymous results to judge whether the
approach is worth continuing.</p>
<p>Similar schemes elsewhere in the country have reported encouraging results, though the
evidence is still limited and often based on small numbers of patients. The health board
said it was keen to gather its own figures rather than rely on studies from very different
places.</p>
<p>Residents who are not referred by a doctor are still welcome to join the walks,
organisers said. The pilot has funding for six months, and a decision on its future is
expected in the autumn.</p>""",
        "hours_ago": 500,
        "updated_hours_ago": None,
        "image": ("map", "#5b8c5a"),
        "image_alt": (
            "A map-style drawing of the coast, with roads leading inland and a "
            "marker near the shore"
        ),
        "comments_open": True,
    },
    {
        "slug": "tidal-monitoring-buoys-deployed-in-harbourford-estuary",
        "category": "science",
        "headline": (
            "Tidal monitoring buoys deployed in Harbourford estuary to track rising sea levels"
        ),
        "standfirst": (
            "Five solar-powered buoys will record water levels, temperature and salinity every "
            "ten minutes, giving researchers their most detailed picture yet of the estuary."
        ),
        "body": """<p>Scientists from the regional university have placed five monitoring
buoys in the Harbourford estuary, the start of a three-year project to measure how the tidal
river is changing. The bright yellow buoys, each about the size of a garden shed roof, were
towed into position from the fish quay early on Tuesday morning.</p>
<p>Each buoy carries instruments that measure water height, temperature, salinity and the
amount of sediment in the water. Readings will be sent by mobile network every ten minutes
to a public data portal, so anyone will be able to follow the tides in almost real time.</p>
<h2>Why the estuary matters</h2>
<p>The estuary is home to salt marshes that protect low-lying streets from storm surges, as
well as the mussel beds that support several local fishing businesses. Researchers say they
know surprisingly little about how quickly those marshes are building up or wearing away,
and how that compares with the gradual rise in sea level.</p>
<p>The buoys are designed to withstand winter storms and can run for months on their solar
panels and batteries. Divers anchored each one to a concrete block on the riverbed, and the
research team will visit them every six weeks to clean the sensors, which quickly become
covered in weed and barnacles. The data will be compared with older records kept by the
harbour authority, some of which go back to the nineteenth century and were written by hand
in tide books now held at the county archive.</p>
<blockquote><p>“Tide gauges tell you what the sea is doing at one spot on the harbour wall.
These buoys let us see the whole estuary breathing in and out,” said the project's lead
oceanographer.</p></blockquote>
<p>The project is also working with pupils from two secondary schools, who will use the data
in geography and science lessons and help collect mud samples from the marsh edge twice a
year. The university hopes the results will inform the council's long-term plans for flood
defences along the quayside.</p>
<p>Harbour users have been asked to give the buoys a wide berth. Each is lit at night and
marked on updated navigation notices issued by the harbour master's office.</p>
<p><em>Update: This article has been updated to correct the number of schools taking part in
the project, which is two, not three.</em></p>""",
        "hours_ago": 9,
        "updated_hours_ago": 4,
        "image": ("chart-tide", "#1f4e79"),
        "image_alt": "A line chart of water levels rising and falling with the tides",
        "comments_open": True,
    },
    {
        "slug": "volunteers-log-record-number-of-birds-in-winter-count",
        "category": "science",
        "headline": "Volunteers log record number of wading birds in annual winter count",
        "standfirst": (
            "More than 14,000 birds were counted on the mudflats this January, the highest "
            "total since the survey began nearly forty years ago."
        ),
        "body": """<p>A record number of wading birds spent the winter on the mudflats
around Harbourford, according to the results of this year's volunteer bird count. Observers
recorded 14,320 birds across 22 species during the survey weekend in January, beating the
previous high set six years ago by almost 1,500.</p>
<p>The count is organised each year by the Harbourford Natural History Society and has run
without a break since the late 1980s, making it one of the longest continuous records of its
kind on this stretch of coast. About sixty volunteers took part this year, working in pairs
from fixed points at low tide.</p>
<h2>The species counted</h2>
<p>Dunlin were again the most numerous species, followed by knot and oystercatcher.
Observers also noted a rise in black-tailed godwits, which were rare on the estuary when the
survey started.</p>
<ol>
  <li>Dunlin: 5,840</li>
  <li>Knot: 3,110</li>
  <li>Oystercatcher: 1,970</li>
  <li>Black-tailed godwit: 860</li>
  <li>Redshank: 740</li>
</ol>
<p>Conservation groups say the results also show how much the estuary depends on its
undisturbed mudflats. Many of the birds counted travel thousands of miles from breeding
grounds in the Arctic and need to feed almost constantly through the short winter days. The
society has asked dog walkers and bait diggers to keep to marked paths during the coldest
months, when repeated disturbance can leave birds without enough energy to survive a hard
frost. New information boards explaining the request were installed along the sea wall in
the autumn.</p>
<p>The society's recorder cautioned against reading too much into a single year. Numbers can
swing sharply depending on the weather in the days before the count, and a cold snap further
north may have pushed birds towards the milder coast. Even so, she said, the trend over the
past decade has been broadly upwards.</p>
<blockquote><p>“A record is nice to have, but the real value is in the long run of numbers.
It only works because people keep turning up in the cold every January,” she
said.</p></blockquote>
<p>The full results will be shared with national monitoring schemes and published in the
society's spring newsletter. New volunteers are welcome for next year's count, and no
experience is needed: beginners are paired with experienced observers and lent binoculars if
they do not have their own.</p>""",
        "hours_ago": 330,
        "updated_hours_ago": None,
        "image": ("chart-rising", "#3d6b8a"),
        "image_alt": "A bar chart of yearly bird counts, rising to the latest and highest bar",
        "comments_open": True,
    },
    {
        "slug": "council-approves-repairs-to-ferry-terminal-pontoon",
        "category": "local",
        "headline": "Council approves £2.3m repairs to ferry terminal pontoon after safety survey",
        "standfirst": (
            "Work will begin in the spring and the passenger ferry will move to a temporary "
            "landing stage for about ten weeks."
        ),
        "body": """<p>Harbourford District Council has approved a £2.3 million programme of
repairs to the ferry terminal pontoon, after an engineering survey found corrosion on
several of the steel piles that hold it in place. Councillors voted unanimously for the work
at a meeting of the harbour committee on Wednesday night.</p>
<p>The survey, commissioned last year, concluded that the pontoon is safe to use for now but
would need significant repairs within two years. Officers recommended carrying out the work
sooner rather than later, warning that costs were likely to rise if the corrosion
spread.</p>
<h2>What changes for passengers</h2>
<p>While the work is carried out, the foot ferry across the river will operate from a
temporary landing stage about 200 metres downstream, near the old lifeboat slipway. The
ferry operator has agreed to run its normal timetable, although crossings may be suspended
for short periods at very low tides.</p>
<ul>
  <li>Work is due to start in late March and last around ten weeks</li>
  <li>Step-free access will be maintained at the temporary landing stage</li>
  <li>Signs will direct passengers from the existing terminal building</li>
</ul>
<p>The ferry carries around 90,000 passengers a year, many of them commuters and pupils who
live on the far bank of the river and would otherwise face a twelve-mile journey by road.
The operator told councillors it was relieved that the service could keep running during the
work, and said it would post any changes on its noticeboard and social media channels at
least a day in advance. Engineers will also fit new handrails and non-slip decking while the
pontoon is out of use, and replace the lighting on the gangway.</p>
<p>Several councillors raised concerns about the impact on traders near the terminal, who
rely on ferry passengers passing their doors. The committee asked officers to work with the
local business association on signs and publicity to encourage people to keep using the
quayside shops during the works.</p>
<p>The repairs will be paid for from the council's harbour reserve, which is funded by
mooring fees and landing charges, rather than from council tax. A contractor is expected to
be appointed next month, and residents can read the full survey report in the
<a href="https://example.org/harbourford-council/meetings">committee papers</a>.</p>""",
        "hours_ago": 20,
        "updated_hours_ago": None,
        "image": ("map", "#7a6a53"),
        "image_alt": (
            "A map-style drawing of the harbour, with roads, a river and a marker by the water"
        ),
        "comments_open": True,
    },
    {
        "slug": "residents-asked-for-views-on-market-street-cycle-lanes",
        "category": "local",
        "headline": "Residents asked for views on Market Street cycle lanes and one-way plan",
        "standfirst": (
            "A six-week consultation sets out two options for the town's busiest shopping "
            "street, including one that would remove most on-street parking."
        ),
        "body": """<p>Harbourford residents have six weeks to give their views on plans to
add cycle lanes to Market Street, the town's main shopping thoroughfare. The county council,
which is responsible for roads in the district, launched a public consultation on Thursday
setting out two possible designs.</p>
<p>The first option would keep two-way traffic but narrow the carriageway to make room for
painted cycle lanes on each side, with a small number of parking bays retained outside the
post office and the pharmacy. The second would make the street one-way for cars heading
towards the harbour, freeing enough space for a two-way cycle track separated from traffic
by a kerb.</p>
<h2>Parking and deliveries</h2>
<p>Under the second option, around forty on-street parking spaces would be removed, although
the council says there is spare capacity in the Bridge Street car park on most days. Loading
bays for deliveries would be kept in both designs, with time limits in the morning and late
afternoon.</p>
<p>Reaction in the town has been mixed. Some traders fear that losing parking will put off
older customers, while parents at the nearby primary school have campaigned for safer routes
for children cycling to lessons.</p>
<p>Traffic counts carried out by the county council last year recorded an average of around
6,500 vehicles a day on Market Street, along with more than 400 cyclists on weekdays during
school term. The council says the number of people cycling has grown steadily since a
riverside path opened on the edge of town, but that many riders leave the path and join the
pavement when they reach the busier streets. Both designs also include wider crossings near
the bus stops and new seating outside the library.</p>
<blockquote><p>“We want to hear from people who drive, cycle, walk and run businesses on the
street, not only the loudest voices,” a county council spokesperson said. “Nothing has been
decided.”</p></blockquote>
<p>Drop-in events will be held at the town hall on two Saturdays during the consultation,
where residents can look at detailed drawings and speak to the engineers. Comments can also
be submitted through the
<a href="https://example.org/county-council/market-street">consultation website</a> or by
post.</p>
<p><em>This article was updated to include the dates of the drop-in events and to clarify
that loading bays would remain under both options.</em> The first event takes place next
Saturday, and the second a fortnight later.</p>""",
        "hours_ago": 72,
        "updated_hours_ago": 60,
        "image": ("map", "#3d7a6b"),
        "image_alt": (
            "A map-style drawing of the town's streets beside the sea, with a marker on one street"
        ),
        "comments_open": True,
    },
    {
        "slug": "quayside-library-reopens-after-roof-repairs",
        "category": "local",
        "headline": "Quayside library reopens after eight months of roof repairs",
        "standfirst": (
            "The Victorian building now has a new slate roof, a refurbished children's corner "
            "and a small study room that can be booked for free."
        ),
        "body": """<p>Quayside Library reopened its doors on Saturday morning after eight
months of repairs, with a queue of regular readers waiting on the steps before the doors
were unlocked at nine. The branch closed last spring when water began leaking through the
ceiling of the main reading room during heavy rain.</p>
<p>Surveyors found that large sections of the original slate roof had slipped and that
several timber beams had begun to rot. The repairs, costing around £640,000, were more
extensive than first expected and pushed the planned reopening back by two months.</p>
<p>The building is listed for its architectural interest, which meant the work had to be
approved by conservation officers and carried out with matching materials. The contractors
salvaged as many of the original slates as they could and sourced the rest from a quarry
that supplied the roof more than a century ago. Carpenters repaired the damaged beams using
traditional joints, and a specialist plasterer restored the decorated ceiling in the reading
room, which had been stained by the leaks.</p>
<h2>What is new inside</h2>
<p>The library service used the closure to make some changes inside the building, which
dates from 1887 and is one of the oldest public buildings on the waterfront.</p>
<ul>
  <li>A refurbished children's corner with low shelving and a reading den</li>
  <li>A quiet study room for up to six people, bookable free of charge</li>
  <li>New lighting and extra power sockets in the reading room</li>
  <li>A ramp at the side entrance, replacing the old portable one</li>
</ul>
<p>During the closure, a temporary service ran from a room in the community centre on
Ropewalk Lane, and a mobile library visited the quayside twice a week. Staff said loans had
fallen sharply during that period and they hoped readers would return now that the branch
was open again.</p>
<blockquote><p>“People have been telling us all morning that they missed the building as
much as the books,” said the branch librarian. “It's good to have the lights on
again.”</p></blockquote>
<p>Opening hours are unchanged, and any books borrowed from the temporary service can be
returned at Quayside or any other branch in the county. A programme of talks and children's
events is planned for the coming months.</p>""",
        "hours_ago": 610,
        "updated_hours_ago": None,
        "image": None,
        "image_alt": "",
        "comments_open": True,
    },
    {
        "slug": "boatyard-expansion-to-create-forty-jobs",
        "category": "business",
        "headline": "Boatyard expansion expected to create forty skilled jobs on the east quay",
        "standfirst": (
            "Pellow & Daughters will build a second repair shed capable of handling vessels up "
            "to thirty metres long, after winning a contract to maintain a fleet of survey "
            "boats."
        ),
        "body": """<p>One of Harbourford's oldest businesses is set to expand, with plans
for a second repair shed at its site on the east quay that could create around forty jobs
over the next three years. Pellow &amp; Daughters, a family-run boatyard founded in 1921,
announced the plans after securing a long-term contract to maintain a fleet of offshore
survey vessels.</p>
<p>The new shed will be large enough to lift boats of up to thirty metres out of the water,
nearly twice the size the yard can handle today. The company says that until now it has had
to turn away larger vessels, which have instead sailed to yards further along the coast.</p>
<h2>Training and apprenticeships</h2>
<p>Most of the new posts will be for welders, marine engineers, electricians and painters.
The yard plans to take on eight apprentices a year in partnership with Harbourford College,
which is setting up a new marine engineering course to begin in September.</p>
<p>The college says it has been in talks with the yard for more than a year about the skills
local employers need. Its new course will combine classroom learning with at least two days
a week on the quay, and students who complete it will receive a recognised engineering
qualification. Staff at the college said interest from school leavers had already been
strong, with more than thirty enquiries received in the first fortnight after the course was
advertised.</p>
<blockquote><p>“There was a time when every family on this side of the river had someone in
the boatyards. We would like to give young people a reason to stay,” the company's managing
director said.</p></blockquote>
<p>Planning permission for the shed was granted last month. The site already belongs to the
company, and construction is expected to begin before the end of the year. The business has
not disclosed the value of the new contract, but said it would guarantee work for at least
seven years.</p>
<p>The local chamber of commerce welcomed the announcement, describing it as a sign of
confidence in the harbour's working waterfront at a time when several quayside buildings
have been converted to flats. Some residents of nearby streets have raised concerns about
noise, and the company has agreed to limit the noisiest work to daytime hours.</p>
<p>Anyone interested in the new roles can register on the
<a href="https://example.org/pellow-boatyard/careers">company's careers page</a>, where the
first vacancies are expected to be posted in the spring.</p>""",
        "hours_ago": 110,
        "updated_hours_ago": None,
        "image": ("composition", "#8a5a2b"),
        "image_alt": "An illustration in warm browns: a sun over a waterfront of angular shapes",
        "comments_open": True,
    },
    {
        "slug": "town-centre-shop-vacancy-rate-falls-for-third-year",
        "category": "business",
        "headline": "Town centre shop vacancy rate falls for a third year running",
        "standfirst": (
            "Just under one in ten units now stands empty, down from almost one in six three "
            "years ago, as independent food and craft businesses take over former chain stores."
        ),
        "body": """<p>The proportion of empty shops in Harbourford town centre has fallen
for the third year in a row, according to the annual survey carried out by the district
council's economic development team. Of the 212 ground-floor commercial units counted in
October, 20 were vacant, a rate of 9.4 per cent.</p>
<p>Three years ago the figure stood at 15.8 per cent, after several national chains closed
their branches in quick succession. Officers say most of those units have since been taken
by independent businesses, many of them owned by people who already live in the town.</p>
<h2>Who is moving in</h2>
<p>The survey found that food and drink accounted for the largest share of new openings,
followed by health and beauty services and shops selling locally made goods. Several units
have also been split into smaller spaces, making them affordable for businesses that
previously traded from market stalls or online.</p>
<ul>
  <li>Cafés, bakeries and delicatessens: 11 new openings</li>
  <li>Hairdressers, clinics and beauty salons: 7</li>
  <li>Craft, gift and homeware shops: 5</li>
  <li>Offices and other services: 4</li>
</ul>
<p>Council officers credited part of the improvement to a small grant scheme launched three
years ago, which offers up to £5,000 towards shopfront repairs and fitting out empty units.
Forty-one businesses have received grants so far. The council has also relaxed some planning
rules in the town centre, allowing ground-floor units to switch more easily between shops,
cafés and services, and encouraged landlords to offer shorter leases to new tenants who are
not yet ready to commit for ten years.</p>
<p>The business association cautioned that the figures do not show how well new businesses
are trading, and said rising energy bills and rents remained a concern for many members.
Several owners have asked the council to consider short-term rent relief for firms in their
first year.</p>
<p>Vacancies remain concentrated at the northern end of Bridge Street, furthest from the
harbour, where footfall is lowest. The council says it is talking to landlords there about
temporary uses, such as pop-up shops and community spaces, while longer-term tenants are
found.</p>
<p><em>Correction: An earlier version of this article gave the number of vacant units as 22.
The correct figure is 20.</em></p>""",
        "hours_ago": 400,
        "updated_hours_ago": 380,
        "image": ("chart-falling", "#8a3b2b"),
        "image_alt": "A bar chart of the shop vacancy rate, falling year by year",
        "comments_open": False,
    },
    {
        "slug": "harbour-lights-festival-unveils-programme",
        "category": "culture",
        "headline": "Harbour Lights festival unveils programme of music, film and lantern parade",
        "standfirst": (
            "Ten days of events will fill the quayside in November, ending with a lantern "
            "procession made by more than 600 schoolchildren."
        ),
        "body": """<p>Organisers of the Harbour Lights festival have published their
programme for this year, promising the biggest line-up in the event's twelve-year history.
The festival runs for ten days in late November and takes place in venues along the
waterfront, from the old fish market to the sailing club.</p>
<p>The festival began as a single evening of lanterns to mark the switch-on of the town's
winter lights. It now attracts visitors from across the region, and organisers estimate that
around 18,000 people attended at least one event last year.</p>
<h2>Highlights of the programme</h2>
<ul>
  <li><strong>Opening night:</strong> a free concert on the fish quay by the Harbourford
    Silver Band and a local folk choir</li>
  <li><strong>Films on the water:</strong> three evenings of short films projected onto a
    screen moored in the inner harbour</li>
  <li><strong>Makers' market:</strong> a weekend market for craftspeople from the town and
    surrounding villages</li>
  <li><strong>Lantern parade:</strong> the closing procession from the church to the
    lighthouse</li>
</ul>
<p>Pupils from eleven primary schools have spent the autumn term building lanterns from
willow and tissue paper in workshops led by local artists. This year's theme is “the
creatures of the estuary”, and organisers are promising a giant illuminated heron at the
front of the procession.</p>
<blockquote><p>“The parade belongs to the children. Our job is to make sure they have enough
glue, enough tissue paper, and a dry night,” said the festival's director.</p></blockquote>
<p>This year's programme also includes a series of afternoon events aimed at older residents
and people who prefer quieter settings, including tea dances in the sailing club and a
relaxed film screening with the lights left partly on. Organisers say they have worked with
the council and the harbour authority to improve access along the quayside, adding extra
seating, a second accessible viewing area for the parade and a free shuttle bus from the
park-and-ride site on the edge of town.</p>
<p>Most events are free, although tickets are needed for the indoor concerts and film
screenings, which go on sale next week. The festival relies on around 150 volunteers and is
still looking for stewards for the final evening.</p>
<p>Full listings are available on the
<a href="https://example.org/harbour-lights/programme">festival website</a>.</p>""",
        "hours_ago": 52,
        "updated_hours_ago": None,
        "image": ("composition", "#6b3fa0"),
        "image_alt": (
            "An illustration in purple: a glowing sun reflected on water below peaked shapes"
        ),
        "comments_open": True,
    },
    {
        "slug": "museum-digitises-a-century-of-fishing-photographs",
        "category": "culture",
        "headline": (
            "Museum digitises a century of fishing photographs and asks public to name faces"
        ),
        "standfirst": (
            "More than 3,000 glass plates and negatives from a former quayside studio have been "
            "scanned, and curators hope older residents can identify the people in them."
        ),
        "body": """<p>Harbourford Maritime Museum has finished digitising a collection of
more than 3,000 photographs of the town's fishing industry, taken between the 1890s and the
1980s. The images, many of which have never been on public display, will be published online
over the coming months.</p>
<p>The collection came to the museum from a photographic studio that operated on the
quayside for almost a century. When the studio closed, its glass plates and negatives were
stored in wooden boxes in a loft, where they remained until a relative of the last owner
offered them to the museum.</p>
<p>Volunteers spent two years cleaning and scanning the plates, some of which were cracked
or stuck together. The work was paid for by a heritage grant and donations from the museum's
friends' association.</p>
<p>Among the highlights are a series of pictures showing the herring fleet leaving harbour
before the First World War, photographs of the great flood that swept the quayside in the
1950s, and portraits of the women who gutted and packed fish on the open quay in all
weathers. Curators say the pictures capture an industry that once employed hundreds of
people in the town and now supports only a small fleet of inshore boats.</p>
<h2>Putting names to faces</h2>
<p>Curators say the biggest gap in the collection is the lack of information about who
appears in the pictures. Only a handful of plates were labelled, and most show crews, net
menders, fish sellers and children whose names were never recorded.</p>
<blockquote><p>“Somebody's grandfather is in these photographs. We would love the families
to tell us who they were, what boat they worked on and what became of them,” the museum's
collections manager said.</p></blockquote>
<p>The museum is holding a series of open afternoons where residents can look through
printed copies and leave notes. Staff will also take printed albums to care homes and the
lunch club at the seafarers' hall, where they expect many people will recognise faces and
places.</p>
<p>Images can be browsed and commented on through the
<a href="https://example.org/harbourford-museum/photographs">museum's online archive</a>,
and a selection will go on display in the main gallery in the spring.</p>""",
        "hours_ago": 260,
        "updated_hours_ago": None,
        "image": ("photo", "#a0522d"),
        "image_alt": (
            "A photograph-like picture: green hills under a blue sky, scattered with soft "
            "coloured shapes"
        ),
        # A media library picture shown in the text, after the first paragraph.
        "inline_picture": {
            "kind": "map",
            "colour": "#a0522d",
            "title": "Quayside studio, map",
            "alt": "A map of the quayside with a pin on the street where the studio stood",
            "caption": "The studio stood on the quayside for almost a century.",
            "credit": "Map: The Newsroom Ledger",
        },
        "comments_open": True,
    },
    {
        "slug": "harbourford-rovers-reach-promotion-play-off-final",
        "category": "sport",
        "headline": "Harbourford Rovers reach promotion play-off final after penalty shoot-out",
        "standfirst": (
            "The semi-professional side held their nerve to beat Castlemere Town 5-4 on "
            "penalties after a 2-2 draw and will play for promotion a week on Saturday."
        ),
        "body": """<p>Harbourford Rovers are one game away from promotion after beating
Castlemere Town on penalties in a tense play-off semi-final at Quarry Lane on Tuesday night.
Goalkeeper Sam Trelawney saved the fifth Castlemere spot kick to send the home crowd of more
than 1,800, the club's largest of the season, onto the pitch.</p>
<p>The visitors took the lead after twelve minutes when a corner was headed in at the near
post, and doubled their advantage just before half-time with a low shot from the edge of the
area. Rovers looked tired and short of ideas, and the mood on the terraces was subdued at
the interval.</p>
<h2>A second-half turnaround</h2>
<p>The introduction of two substitutes early in the second half changed the game. Rovers
pulled a goal back on the hour through a well-worked move down the left, and equalised with
eight minutes remaining when a free kick from thirty yards curled into the top corner.</p>
<p>Neither side could find a winner in extra time, although Rovers hit the crossbar in the
final minute. In the shoot-out, both teams scored their first four penalties before
Trelawney dived to his right to make the decisive save, and captain Jordan Kessell scored
the winning kick.</p>
<blockquote><p>“At half-time I told them we'd been second best and that there were
forty-five minutes left to fix it. They fixed it,” the Rovers manager said
afterwards.</p></blockquote>
<p>Castlemere, who finished the regular season two places above Rovers, had chances to win
the game in normal time and will feel they deserved more from a night on which they
controlled long spells of possession. Their manager praised his players' effort and said the
shoot-out was a cruel way to end a season in which the club had exceeded most
expectations.</p>
<p>Rovers will face Wexcombe Athletic in the final, which will be played at a neutral
ground. The club says it will announce ticket arrangements for supporters later this week
and is looking into running coaches from the town.</p>
<p>Promotion would take Rovers into the higher division for the first time in the club's
118-year history, bringing longer away trips and stricter requirements for the ground. The
club says it has already begun planning improvements to the floodlights and changing rooms
in case they go up.</p>""",
        "hours_ago": 200,
        "updated_hours_ago": None,
        "image": ("composition", "#c0392b"),
        "image_alt": "An illustration in red: a bright sun over a skyline of blocks and peaks",
        "comments_open": False,
    },
    {
        "slug": "coastal-rowing-regatta-returns-after-six-year-break",
        "category": "sport",
        "headline": "Coastal rowing regatta returns to Harbourford after six-year break",
        "standfirst": (
            "Crews from twenty clubs are expected for the revived event, with races for "
            "juniors, veterans and mixed crews in traditional wooden gigs."
        ),
        "body": """<p>Harbourford's coastal rowing regatta will return this summer for the
first time in six years, organisers have confirmed. The event, which once drew hundreds of
rowers to the town each July, was cancelled after its long-time organiser retired and no one
stepped forward to replace him.</p>
<p>A committee of volunteers from the Harbourford Gig Club has spent the past year working
with the harbour master, the coastguard and the council to bring it back. They have secured
insurance, rebuilt the timing system and recruited marshals to patrol the course in safety
boats.</p>
<h2>The races</h2>
<p>Racing will take place in six-oared wooden gigs, the traditional boats once used to carry
pilots out to ships approaching the coast. Crews will race a course of about three miles
from the harbour mouth around a buoy off Gull Point and back. The last regatta's final, filmed
from the harbour wall:</p>
<p>https://www.youtube.com/watch?v=HarbourRgta</p>
<ul>
  <li>Junior races for rowers aged 12 to 16</li>
  <li>Open men's and women's races</li>
  <li>Mixed crews of three men and three women</li>
  <li>Veterans' races for crews with an average age over 50</li>
</ul>
<p>Twenty clubs have registered interest so far, including several from the islands and one
from across the Channel. Organisers expect between 60 and 80 crews, which would make it one
of the largest events of its kind this year.</p>
<p>https://datawrapper.dwcdn.net/Hb7Xq/1/</p>
<blockquote><p>“People have been asking every summer when it was coming back. We just needed
enough hands to make it happen,” said the club's secretary.</p></blockquote>
<p>The rowing club announced the date to its members online:</p>
<p>https://mastodon.social/@harbourfordrowing/113456789012345678</p>
<p>The committee has also organised a programme of events on shore, including a display of
historic gigs, some of which are more than a hundred years old, and a demonstration by local
boatbuilders who still make the craft by hand from narrow planks of elm. Food stalls will be
run by local clubs and charities, and the day will end with a prize-giving on the harbour
wall followed by music outside the sailing club.</p>
<p>The regatta will be free to watch, with the best views from the harbour wall and the
headland path. The club is still looking for volunteers to help with parking, catering and
first aid, and anyone interested can get in touch through the
<a href="https://example.org/harbourford-gig-club/regatta">club's website</a>.</p>""",
        "hours_ago": 700,
        "updated_hours_ago": None,
        "image": None,
        "image_alt": "",
        "comments_open": True,
    },
]
