// Words the generator builds fictional people, places and services from. Names are common English given names
// and surnames assembled from common parts, so search behaves as on real data (many Smiths, few Quiltons) while
// no record describes a real person: the NHS numbers are in the 999 test range, phone numbers in Ofcom's drama
// range and e-mail addresses on example domains.

export const femaleNames = [
  "Margaret", "Patricia", "Susan", "Linda", "Christine", "Jean", "Janet", "Elizabeth", "Mary", "Carol", "Barbara", "Sandra",
  "Joan", "Pauline", "Julie", "Karen", "Anne", "Jacqueline", "Valerie", "Sheila", "Maureen", "Doreen", "Brenda", "Irene",
  "Eileen", "Dorothy", "Sylvia", "Gillian", "Wendy", "Diane", "Lesley", "Helen", "Sarah", "Claire", "Emma", "Rachel",
  "Nicola", "Louise", "Michelle", "Joanne", "Amanda", "Kerry", "Lisa", "Donna", "Hannah", "Laura", "Sophie", "Chloe",
  "Priya", "Anita", "Sunita", "Meena", "Nasreen", "Fatima", "Ayesha", "Shabana", "Grace", "Blessing", "Comfort", "Agnieszka",
  "Gwen", "Rita", "Hilda", "Edna", "Betty", "Peggy", "Vera", "Ivy", "Rose", "Iris", "Ruth", "Alice",
] as const;

export const maleNames = [
  "David", "John", "Michael", "Peter", "Robert", "Paul", "Richard", "Stephen", "Christopher", "Alan", "Brian", "Keith",
  "Kenneth", "Roger", "Colin", "Graham", "Derek", "Malcolm", "Trevor", "Barry", "Terence", "Raymond", "Dennis", "Harold",
  "Arthur", "Frank", "George", "Ronald", "Geoffrey", "Leonard", "Stanley", "Norman", "Mark", "Andrew", "Gary", "Darren",
  "Lee", "Jason", "Craig", "Simon", "Neil", "Martin", "Daniel", "Thomas", "James", "Matthew", "Ryan", "Liam",
  "Rajesh", "Sanjay", "Mohammed", "Imran", "Tariq", "Harjit", "Gurpreet", "Kwame", "Emmanuel", "Samuel", "Piotr", "Tomasz",
  "Albert", "Ernest", "Walter", "Cyril", "Reg", "Wilf", "Bernard", "Clifford", "Gordon", "Howard", "Ivan", "Victor",
] as const;

export const preferredNames: Record<string, string> = {
  Margaret: "Peggy", Patricia: "Pat", Elizabeth: "Liz", Christine: "Chris", Susan: "Sue", Jacqueline: "Jackie",
  Kenneth: "Ken", Raymond: "Ray", Terence: "Terry", Richard: "Dick", Robert: "Bob", Michael: "Mike", Stephen: "Steve",
  Christopher: "Chris", Leonard: "Len", Geoffrey: "Geoff", Ronald: "Ron", Stanley: "Stan", Albert: "Bert", Ernest: "Ernie",
};

// Surnames: a head of very common ones, then compounds of two parts. Position in the list sets frequency (Zipf).
export const commonSurnames = [
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson",
  "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Khan", "Mistry", "Hughes",
  "Edwards", "Turner", "Hill", "Moore", "Cooper", "Ward", "Morris", "King", "Harris", "Baker", "Lee", "Allen",
] as const;

export const surnameHeads = [
  "Ash", "Bar", "Black", "Brad", "Brook", "Cal", "Carl", "Chad", "Cross", "Dun", "East", "Elm", "Fair", "Fern", "Gold",
  "Green", "Hard", "Hart", "Hay", "Hol", "Kirk", "Lang", "Mar", "Mill", "Moor", "New", "North", "Oak", "Pen", "Ray",
  "Red", "Rock", "Shel", "South", "Stan", "Stock", "Thorn", "Wal", "West", "Whit", "Wind", "Wood",
] as const;

export const surnameTails = [
  "ley", "ton", "by", "ford", "field", "worth", "well", "wood", "bury", "ham", "man", "stone", "dale", "croft", "land",
  "hurst", "combe", "more", "wick", "shaw", "thorpe", "brook", "bridge", "ridge",
] as const;

export const streetNames = [
  "Church", "Mill", "Station", "Victoria", "Park", "Manor", "Kings", "Queens", "Chapel", "School", "Meadow", "Orchard",
  "Willow", "Beech", "Cedar", "Rowan", "Hawthorn", "Grange", "Forest", "Brook", "Windmill", "Abbey", "Priory", "Granby",
] as const;
export const streetKinds = ["Road", "Street", "Lane", "Close", "Avenue", "Drive", "Way", "Crescent", "Gardens", "Walk"] as const;

/** Towns and postcode districts for the Leicester, Leicestershire and Rutland districts in the reference data. */
export const districtPlaces: Record<string, { towns: readonly string[]; postcodes: readonly string[] }> = {
  blaby: { towns: ["Blaby", "Narborough", "Enderby", "Glenfield", "Whetstone"], postcodes: ["LE8", "LE19", "LE3", "LE9"] },
  charnwood: { towns: ["Loughborough", "Shepshed", "Syston", "Birstall", "Anstey", "Mountsorrel"], postcodes: ["LE11", "LE12", "LE7", "LE4"] },
  harborough: { towns: ["Market Harborough", "Lutterworth", "Broughton Astley", "Fleckney"], postcodes: ["LE16", "LE17", "LE8"] },
  hinckley_bosworth: { towns: ["Hinckley", "Earl Shilton", "Barwell", "Burbage", "Market Bosworth"], postcodes: ["LE10", "LE9", "CV13"] },
  melton: { towns: ["Melton Mowbray", "Asfordby", "Bottesford", "Waltham on the Wolds"], postcodes: ["LE13", "LE14", "NG13"] },
  nw_leicestershire: { towns: ["Coalville", "Ashby-de-la-Zouch", "Castle Donington", "Ibstock", "Measham"], postcodes: ["LE67", "LE65", "DE74", "DE12"] },
  oadby_wigston: { towns: ["Oadby", "Wigston", "South Wigston"], postcodes: ["LE2", "LE18"] },
  leicester: { towns: ["Leicester"], postcodes: ["LE1", "LE2", "LE3", "LE4", "LE5"] },
  rutland: { towns: ["Oakham", "Uppingham", "Ketton", "Cottesmore"], postcodes: ["LE15", "PE9"] },
};

export const postcodeLetters = "ABDEFGHJLNPQRSTUWXYZ";

/** Name stems per activity category; the generator prefixes a town and sometimes a day. */
export const activityKinds: Record<string, readonly string[]> = {
  befriending: ["Friendship Café", "Befriending Circle", "Good Neighbours Group", "Tea and Company"],
  physical_activity: ["Chair Exercise", "Tai Chi", "Strength and Balance", "Gentle Yoga", "Walking Football", "Dance for Health"],
  arts_crafts: ["Craft Club", "Knit and Natter", "Art for Wellbeing", "Pottery Group", "Photography Walks"],
  community_group: ["Men's Shed", "Community Garden", "Lunch Club", "Book Club", "Memory Café", "Singing for Health"],
  community_event: ["Wellbeing Fair", "Community Breakfast", "Tea Dance", "Heritage Open Day"],
  walking_running: ["Health Walk", "Couch to 5k", "Nature Walk", "parkrun Volunteers"],
  transport: ["Community Car Scheme", "Dial-a-Ride", "Shopping Bus"],
  advice: ["Benefits Advice Drop-in", "Digital Skills Drop-in", "Money Advice Clinic", "Housing Advice Session"],
  carers: ["Carers' Café", "Carers' Support Group", "Young Carers Club"],
  bereavement: ["Bereavement Café", "Bereavement Support Group", "Living with Loss"],
};

export const providerStems = ["Community Trust", "Age Concern", "Neighbourhood Network", "Wellbeing Partnership", "Voluntary Action", "Healthy Lives", "Community Association", "Arts Project", "Carers Centre", "Leisure Trust"] as const;

export const caseNoteBodies = [
  "Spoke on the phone; keen to try a group near home and would like someone to meet them at the door the first time.",
  "Home visit. Lives alone since a bereavement last year; daughter visits monthly. Agreed to try a weekly group.",
  "Discussed transport: cannot manage the bus with a walking frame. Will ask about the community car scheme.",
  "Attended with a friend and enjoyed it. Plans to go again next week.",
  "Missed the last two sessions; left a message to check in.",
  "Reviewed goals: feels more confident going out. Talked about volunteering at the group.",
  "Prefers phone contact in the mornings. Hearing aid: speak clearly.",
  "Money worries raised; signposted to the benefits advice drop-in.",
] as const;

export const safeguardingBodies = [
  "Concern about possible financial exploitation by an acquaintance. Discussed with the safeguarding lead; referral made to adult social care.",
  "Self-neglect concerns raised at home visit. Consent given to share with the GP.",
] as const;

export const providerDeclineReasons = ["The group is full at the moment", "Outside the area we cover", "Needs more support than the group can give", "The session time has changed"] as const;
export const personDeclineReasons = ["Changed their mind", "Not the right time", "Prefers to arrange it themselves", "Unwell at the moment"] as const;
export const cancelReasons = ["Leader unwell", "Venue unavailable", "Bad weather", "Bank holiday"] as const;
