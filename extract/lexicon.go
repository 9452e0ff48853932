package extract

import (
	"strings"

	"github.com/claimnet/claimnet/annotations"
)

// The word lists below are general English: speech verbs, role nouns,
// pronouns and function words. None names a person, place or phrase of a
// particular corpus, so the extractor carries over to texts it has never
// seen.

// verbUse says what a speech verb can introduce.
type verbUse uint8

const (
	// useDirect: the verb attributes a direct quotation only ("X lamented, “…”").
	useDirect verbUse = iota
	// useThat: the verb also reports speech, but only with a that-clause
	// ("X maintained that …"; "X maintained the ceasefire" is not speech).
	useThat
	// useReport: the verb reports speech with any complement ("X rejected …").
	useReport
)

// speechVerb is one entry of the verb lexicon.
type speechVerb struct {
	lemma  string
	stance annotations.Stance
	use    verbUse
}

// speechVerbTable lists each verb as "lemma stance use: inflected forms".
// Stance is + (the speaker supports the proposition) or - (opposes it).
// Use is d (direct quotes only), t (reports with a that-clause) or r
// (reports with any complement).
const speechVerbTable = `
say + r: say says said saying
tell + r: tell tells told telling
add + d: add adds added adding
state + t: states stated
declare + r: declare declares declared declaring
announce + r: announce announces announced announcing
confirm + r: confirm confirms confirmed confirming
explain + t: explain explains explained explaining
note + t: note notes noted noting
stress + r: stress stresses stressed stressing
emphasize + r: emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising
underline + t: underline underlines underlined underlining
reiterate + r: reiterate reiterates reiterated reiterating
insist + r: insist insists insisted insisting
demand + r: demand demands demanded demanding
urge + r: urge urges urged urging
warn + r: warn warns warned warning
argue + r: argue argues argued arguing
claim + t: claim claims claimed claiming
assert + r: assert asserts asserted asserting
maintain + t: maintain maintains maintained maintaining
allege + r: allege alleges alleged alleging
accuse + r: accuse accuses accused accusing
blame + r: blame blames blamed blaming
charge + r: charge charges charged charging
acknowledge + r: acknowledge acknowledges acknowledged acknowledging
admit + r: admit admits admitted admitting
concede + r: concede concedes conceded conceding
promise + r: promise promises promised promising
pledge + r: pledge pledges pledged pledging
vow + r: vow vows vowed vowing
threaten + r: threaten threatens threatened threatening
predict + t: predict predicts predicted predicting
suggest + t: suggest suggests suggested suggesting
propose + r: propose proposes proposed proposing
recall + t: recall recalls recalled recalling
observe + t: observe observes observed observing
conclude + t: conclude concludes concluded concluding
complain + t: complain complains complained complaining
write + t: write writes wrote writing
reject - r: reject rejects rejected rejecting
deny - r: deny denies denied denying
dismiss - r: dismiss dismisses dismissed dismissing
refuse - r: refuse refuses refused refusing
condemn - r: condemn condemns condemned condemning
criticize - r: criticize criticizes criticized criticizing criticise criticises criticised criticising
denounce - r: denounce denounces denounced denouncing
lament + d: lament laments lamented lamenting
respond + d: respond responds responded responding
reply + d: reply replies replied replying
echo + d: echo echoes echoed echoing
remark + d: remark remarks remarked remarking
tweet + d: tweet tweets tweeted tweeting
post + d: posted
continue + d: continued
ask + d: ask asks asked asking
put + d: put
call + d: call calls called calling
describe + d: describe describes described describing
dub + d: dub dubs dubbed dubbing
term + d: termed
label + d: label labels labelled labeled labelling labeling
brand + d: branded
report + t: report reports reported reporting
find + t: finds found
contend + t: contend contends contended contending
testify + t: testify testifies testified testifying
assure + t: assure assures assured assuring
caution + t: caution cautions cautioned cautioning
inform + t: inform informs informed informing
agree + t: agree agrees agreed agreeing
boast + t: boast boasts boasted boasting
brag + t: brag brags bragged bragging
rule + t: ruled
rate + d: rate rates rated rating
cite + d: cite cites cited citing
liken + d: liken likens likened likening
characterize + d: characterize characterizes characterized characterizing characterise characterises characterised characterising
hail + d: hail hails hailed hailing
praise + d: praise praises praised praising
tout + d: tout touts touted touting
quip + d: quip quips quipped quipping
joke + d: joke jokes joked joking
exclaim + d: exclaim exclaims exclaimed exclaiming
shout + d: shout shouts shouted shouting
yell + d: yell yells yelled yelling
scream + d: scream screams screamed screaming
chant + d: chant chants chanted chanting
sing + d: sing sings sang singing
muse + d: muse muses mused musing
wonder + d: wonder wonders wondered wondering
recount + d: recount recounts recounted recounting
implore + d: implore implores implored imploring
plead + d: plead pleads pleaded pled pleading
beg + d: beg begs begged begging
counter + d: counter counters countered countering
retort + d: retort retorts retorted retorting
interject + d: interject interjects interjected interjecting
whisper + d: whisper whispers whispered whispering
mention + d: mention mentions mentioned mentioning
attack - d: attack attacks attacked attacking
blast - d: blast blasts blasted blasting
slam - d: slam slams slammed slamming
mock - d: mock mocks mocked mocking
decry - d: decry decries decried decrying
lambaste - d: lambaste lambastes lambasted lambasting
scoff - d: scoff scoffs scoffed scoffing
chide - d: chide chides chided chiding
scold - d: scold scolds scolded scolding
rebuke - d: rebuke rebukes rebuked rebuking
fume - d: fume fumes fumed fuming
seethe - d: seethe seethes seethed seething
protest - d: protested
disagree - t: disagree disagrees disagreed disagreeing
dispute - r: dispute disputes disputed disputing
oppose - r: oppose opposes opposed opposing
`

// lexicon holds the word lists, built once by newLexicon and read-only
// afterwards, so that one Extractor serves concurrent calls.
type lexicon struct {
	verbs          map[string]speechVerb
	speechNouns    map[string]bool
	lightVerbs     map[string]bool
	roleWords      map[string]bool
	titles         map[string]bool
	surnameRoles   map[string]bool
	placeWords     map[string]bool
	weekdays       map[string]bool
	mediaWords     map[string]bool
	progressiveAux map[string]bool
	maleWords      map[string]bool
	femaleWords    map[string]bool
	maleNames      map[string]bool
	femaleNames    map[string]bool
	groupNouns     map[string]bool
	orgWords       map[string]bool
	nameStop       map[string]bool
	nameParticles  map[string]bool
	personPronouns map[string]bool
	auxWords       map[string]bool
	modalWords     map[string]bool
	linkPreps      map[string]bool
	clauseLinks    map[string]bool
	labelMarkers   map[string]bool
	subordinators  map[string]bool
	prepositions   map[string]bool
	articles       map[string]bool
	abbreviations  map[string]bool
	noSubjectEnd   map[string]bool
}

func newLexicon() *lexicon {
	lx := &lexicon{
		verbs:          make(map[string]speechVerb, 400),
		speechNouns:    wordSet(speechNounsList),
		lightVerbs:     wordSet(lightVerbsList),
		roleWords:      wordSet(roleWordsList),
		titles:         wordSet(titlesList),
		surnameRoles:   wordSet(surnameRolesList),
		placeWords:     wordSet(placeWordsList),
		weekdays:       wordSet("monday tuesday wednesday thursday friday saturday sunday"),
		mediaWords:     wordSet(mediaWordsList),
		progressiveAux: wordSet("is was are were been be am"),
		maleWords:      wordSet(maleWordsList),
		femaleWords:    wordSet(femaleWordsList),
		maleNames:      wordSet(maleNamesList),
		femaleNames:    wordSet(femaleNamesList),
		groupNouns:     wordSet(groupNounsList),
		orgWords:       wordSet(orgWordsList),
		nameStop:       wordSet(nameStopList),
		nameParticles:  wordSet(nameParticlesList),
		personPronouns: wordSet(personPronounsList),
		auxWords:       wordSet(auxWordsList),
		modalWords:     wordSet(modalWordsList),
		linkPreps:      wordSet(linkPrepsList),
		clauseLinks:    wordSet(clauseLinksList),
		labelMarkers:   wordSet(labelMarkersList),
		subordinators:  wordSet(subordinatorsList),
		prepositions:   wordSet(prepositionsList),
		articles:       wordSet(articlesList),
		abbreviations:  wordSet(abbreviationsList),
		noSubjectEnd:   wordSet(noSubjectEndList),
	}
	for _, line := range strings.Split(speechVerbTable, "\n") {
		head, forms, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(head)
		v := speechVerb{lemma: f[0], stance: annotations.Support, use: useDirect}
		if f[1] == "-" {
			v.stance = annotations.Oppose
		}
		switch f[2] {
		case "t":
			v.use = useThat
		case "r":
			v.use = useReport
		}
		for _, form := range strings.Fields(forms) {
			lx.verbs[form] = v
		}
	}
	return lx
}

// verb looks a lower-cased word up in the speech-verb lexicon.
func (lx *lexicon) verb(w string) (speechVerb, bool) {
	v, ok := lx.verbs[w]
	return v, ok
}

// wordSet builds a set from a space-separated list.
func wordSet(list string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

const (
	// speechNouns name an utterance; "X's statement, “…”" attributes a
	// quotation to X, and "issued a warning that …" is a speech act.
	speechNounsList = `statement statements words remarks remark comments comment message
		warning response reply speech address tweet post letter interview assertion words
		declaration announcement appeal plea`

	// lightVerbs combine with a speech noun into a speech act: "issued a statement".
	lightVerbsList = `issued issues issue made makes make gave gives give released releases
		delivered delivers posted posts published publishes sounded sent`

	// roleWords are nouns of office or occupation that head a role
	// description ("the minister", "a cloth trader in …").
	roleWordsList = `minister ministers president premier chancellor secretary spokesman spokeswoman
		spokesperson ambassador envoy general commander chief director governor mayor senator
		lawmaker legislator chairman chairwoman chairperson chair official officer diplomat
		leader head deputy adviser advisor king queen prince emir sheikh judge prosecutor attorney
		analyst expert researcher professor trader merchant shopkeeper vendor resident farmer driver
		worker student teacher doctor activist journalist correspondent reporter editor author
		writer columnist cleric imam elder negotiator mediator representative delegate colonel
		captain lieutenant sergeant soldier policeman inspector economist scholar lawyer manager
		founder owner member candidate mp commissioner coordinator administrator superintendent
		pilot witness survivor villager mother father son daughter brother sister widow nominee
		businessman businesswoman billionaire strategist consultant pollster aide staffer host anchor
		congressman congresswoman ceo newspaper paper magazine network outlet broadcaster tabloid`

	// mediaWords are role words for a news outlet: "the newspaper wrote"
	// refers to the outlet named last.
	mediaWordsList = `newspaper paper magazine network outlet broadcaster tabloid`

	// titles precede a name and are not part of it: "Mr Smith", "Dr Jones".
	titlesList = `mr mrs ms miss dr prof gen lt col capt sgt maj sen rep gov del sir dame lord
		lady mullah maulana maulvi hafiz haji rev fr`

	// surnameRoles are role words that are also common surnames: after
	// a capitalised word they end a name ("Larry King", "Mr. Judge").
	surnameRolesList = `king judge bishop marshal`

	// placeWordsList mark a name as a place's, a building's or an event's:
	// "the Pacific Ocean", "Union Square", "South Asia". Words that are
	// also common surnames (park, hall, west, street) are left out.
	placeWordsList = `ocean sea river lake mountain mountains avenue square island islands valley
		desert coast gulf mall museum palace house church cathedral mosque temple school college academy
		airport station hotel stadium arena center centre plaza boulevard heights beach canyon
		forest asia africa europe america americas convention conference summit festival show
		games olympics war history day week month year hospital prison camp base`

	// maleWords and femaleWords are titles and roles that tell a person's
	// gender, for "he" and "she".
	maleWordsList = `mr sir lord king prince emir sheikh spokesman chairman congressman
		businessman councilman policeman father son brother husband uncle nephew grandfather boy
		man gentleman monsieur herr senor`
	femaleWordsList = `mrs ms miss madam dame lady queen princess spokeswoman chairwoman
		congresswoman businesswoman councilwoman policewoman mother daughter sister wife aunt niece
		grandmother widow girl woman madame frau senora`

	// maleNames and femaleNames are common first names in English-language
	// news, which tell a person's gender when nothing else does.
	maleNamesList = `james john robert michael william david richard joseph thomas charles
		christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
		george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen
		larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack
		dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter
		noah jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence
		dylan jesse bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy
		roy vincent ralph eugene russell bobby mason philip louis barack bill bernie mitt mike ted
		newt rudy chris jim tim tom bob dick jeb marco rand chuck harry mitch reince hugh ben al ed
		fred ron dan ken jon rick rob steve tony vladimir boris emmanuel ahmed mohammed muhammad
		ali hassan omar khalid`
	femaleNamesList = `mary patricia jennifer linda elizabeth barbara susan jessica sarah karen
		nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda
		melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen
		anna brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn
		janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren
		joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa
		kathryn sara janice jean alice madison doris abigail julia judy grace denise amber marilyn
		beverly danielle theresa sophia marie diana brittany natalie isabella rose alexis kayla
		hillary chelsea ivanka melania kellyanne huma condoleezza nikki dianne tammy kirsten claire
		gwen maxine debbie jill tulsi marine ursula jacinda`

	// groupNouns head a plural speaker: "Afghan commentators", "officials".
	groupNounsList = `officials authorities commentators analysts observers experts sources
		diplomats leaders residents traders critics officers negotiators mediators lawmakers
		protesters spokesmen ministers delegates participants reports media representatives
		villagers elders militants fighters witnesses activists citizens people campaigners
		economists scholars journalists facilitators ministry government delegation police
		company firm embassy agency council court committee party military army office union
		commission administration cabinet presidency regime movement alliance coalition campaign`

	// orgWords mark a name as an organisation's or a place's rather than a person's.
	orgWordsList = `press news agency ministry office government council party army forces force
		centre center institute university bank times post emirate nations union committee
		commission organization organisation front movement group network media foundation
		association department court assembly senate parliament mission states republic kingdom
		corporation company tribune herald daily journal radio tv television channel line
		corridor province district city county state federation alliance league international
		fund trust society service services initiative watch brigade battalion police guard command`

	// nameStop are capitalised function words that begin sentences; they
	// are not names.
	nameStopList = `the a an this that these those it its he she his her they their we our i my
		you your but and or yet so as if when while although though because since after before in
		on at for from with without by of to into during despite however moreover meanwhile
		instead still also then now today yesterday only even such what which who whom whose where
		why how according both each every all some many most any no not neither nor either there
		here given under over between among through within beyond against unlike like last next
		first later earlier once thus therefore ultimately finally indeed conversely nevertheless
		nonetheless otherwise perhaps instead speaking asked mr mrs ms dr
		monday tuesday wednesday thursday friday saturday sunday january february march april
		may june july august september october november december`

	// noSubjectEnd are words that cannot end the subject of a verb: after
	// them a speech word is a noun ("their demand", "the claims") or an
	// infinitive ("to say").
	noSubjectEndList = `to the a an not and or his her their its our my your this these those`

	// prepositions before a name make it no subject: "… on Monday rejected".
	prepositionsList = `in on at from with by for of during after before since until near about
		over under between among against into onto across through via per beyond without
		despite amid toward towards`

	// articlesList are the articles: a speech verb's form right after one
	// is a noun ("the report", "a warning").
	articlesList = `a an the`

	// nameParticles may sit inside a name: "Osama bin Laden", "Ursula von der Leyen".
	nameParticlesList = `bin ibn bint al el ul ud ur de da del della di du van von der den la le`

	// pronouns that can be the subject of a speech verb, resolved to the
	// most recent named person.
	personPronounsList = `he she`

	// auxiliaries and adverbs that may sit between a subject and its verb.
	auxWordsList = `has have had is was were been be being also still then later again once
		further repeatedly publicly reportedly consistently previously already even now today
		yesterday recently earlier subsequently separately privately openly firmly flatly
		strongly angrily sharply quickly immediately directly simply just ultimately often
		sometimes always`

	// modals and negations make a speech verb hypothetical or denied:
	// "Pakistan should insist …" is not a statement.
	modalWordsList = `should must could would may might can cannot will shall to not never
		n't don't didn't doesn't won't wouldn't shouldn't couldn't`

	// prepositions that can link a group noun to a name: "reports in X".
	linkPrepsList = `in of from at for`

	// clauseLinks end a reported proposition when they follow a comma.
	clauseLinksList = `while but whereas although though which who as because since so yet
		and adding saying noting stressing emphasizing emphasising arguing insisting warning`

	// subordinators open a subordinate clause at the start of a sentence.
	subordinatorsList = `while although though whereas if when because since as unless after before once`

	// labelMarkers before a short quotation make it a label, not speech:
	// "described as a “…”".
	labelMarkersList = `as a an the called dubbed termed so-called labelled labeled branded word`

	// abbreviations whose period does not end a sentence.
	abbreviationsList = `mr mrs ms dr prof gen lt col capt sgt maj sen rep gov del st jr sr no vs etc
		inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec fig approx rev fr`
)
