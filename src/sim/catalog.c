/* Static catalogue of the simulated company (see catalog.h). */
#include "sim/catalog.h"

#include <stddef.h>

#define B(r) MH_ROLE_BIT(MH_ROLE_##r)

const struct mh_sim_role mh_sim_roles[MH_ROLE__COUNT] = {
    [MH_ROLE_ENG] = {"Engineering",
                     {"Software Engineer", "Senior Software Engineer", "Staff Software Engineer",
                      "Frontend Engineer"},
                     300,
                     1,
                     10,
                     50},
    [MH_ROLE_SRE] = {"Infrastructure",
                     {"Site Reliability Engineer", "DevOps Engineer", "Platform Engineer",
                      "Cloud Engineer"},
                     70,
                     1,
                     60,
                     50},
    [MH_ROLE_DATA] = {"Data",
                      {"Data Engineer", "Data Analyst", "Machine Learning Engineer",
                       "Analytics Engineer"},
                      70,
                      1,
                      15,
                      45},
    [MH_ROLE_IT] = {"IT",
                    {"IT Support Specialist", "Helpdesk Technician", "Systems Administrator",
                     "IT Support Specialist"},
                    40,
                    1,
                    70,
                    45},
    [MH_ROLE_SEC] = {"Security",
                     {"Security Engineer", "Security Analyst", "Senior Security Engineer",
                      "Security Analyst"},
                     25,
                     1,
                     60,
                     45},
    [MH_ROLE_SALES] = {"Sales",
                       {"Account Executive", "Sales Engineer", "Account Manager",
                        "Sales Development Representative"},
                       140,
                       0,
                       0,
                       30},
    [MH_ROLE_SUPPORT] = {"Customer Support",
                         {"Customer Support Specialist", "Technical Support Engineer",
                          "Support Team Lead", "Customer Support Specialist"},
                         110,
                         0,
                         5,
                         35},
    [MH_ROLE_NOC] = {"Operations",
                     {"NOC Technician", "Operations Analyst", "NOC Technician",
                      "Night Operations Lead"},
                     25,
                     1,
                     40,
                     40},
    [MH_ROLE_FIN] = {"Finance",
                     {"Accountant", "Financial Analyst", "Payroll Specialist", "Controller"},
                     60,
                     0,
                     20,
                     30},
    [MH_ROLE_HR] = {"People",
                    {"Recruiter", "HR Generalist", "People Operations Partner", "Recruiter"},
                    50,
                    0,
                    20,
                    30},
    [MH_ROLE_MKT] = {"Marketing",
                     {"Marketing Manager", "Content Strategist", "Product Marketing Manager",
                      "Designer"},
                     80,
                     0,
                     0,
                     30},
    [MH_ROLE_EXEC] =
        {"Executive", {"Vice President", "Director", "Chief of Staff", "Director"}, 30, 0, 50, 25},
};

#define W3(a, b, c)                                                                                \
	{                                                                                          \
		a, b, c                                                                            \
	}
#define ALL  MH_ROLES_ALL
#define TECH MH_ROLES_TECH

const struct mh_sim_prog mh_sim_progs[] = {
    {W3("chrome.exe", "Google Chrome", "chrome"),
     W3("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/opt/google/chrome/chrome"),
     "--type=renderer", ALL, 60, MH_PK_BASE},
    {W3("msedge.exe", "Microsoft Edge", NULL),
     W3("C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
        "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge", NULL),
     "--single-argument", ALL, 20, MH_PK_BASE},
    {W3("firefox.exe", "firefox", "firefox"),
     W3("C:\\Program Files\\Mozilla Firefox\\firefox.exe",
        "/Applications/Firefox.app/Contents/MacOS/firefox", "/usr/lib/firefox/firefox"),
     "-contentproc", ALL, 6, MH_PK_BASE},
    {W3("OUTLOOK.EXE", "Microsoft Outlook", NULL),
     W3("C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
        "/Applications/Microsoft Outlook.app/Contents/MacOS/Microsoft Outlook", NULL),
     "", ALL, 14, MH_PK_BASE},
    {W3("ms-teams.exe", "Microsoft Teams", "teams-for-linux"),
     W3("C:\\Program "
        "Files\\WindowsApps\\MSTeams_24004.1403.2634.2418_x64__8wekyb3d8bbwe\\ms-teams.exe",
        "/Applications/Microsoft Teams.app/Contents/MacOS/MSTeams", "/usr/bin/teams-for-linux"),
     "", ALL, 14, MH_PK_BASE},
    {W3("EXCEL.EXE", "Microsoft Excel", NULL),
     W3("C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE",
        "/Applications/Microsoft Excel.app/Contents/MacOS/Microsoft Excel", NULL),
     "", ALL & ~TECH, 12, MH_PK_BASE},
    {W3("WINWORD.EXE", "Microsoft Word", NULL),
     W3("C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
        "/Applications/Microsoft Word.app/Contents/MacOS/Microsoft Word", NULL),
     "", ALL & ~TECH, 10, MH_PK_BASE},
    {W3("slack.exe", "Slack", "slack"),
     W3("C:\\Users\\%u\\AppData\\Local\\slack\\app-4.36.140\\slack.exe",
        "/Applications/Slack.app/Contents/MacOS/Slack", "/usr/lib/slack/slack"),
     "--process-start-args", ALL, 14, MH_PK_BASE},
    {W3("Zoom.exe", "zoom.us", "zoom"),
     W3("C:\\Users\\%u\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe",
        "/Applications/zoom.us.app/Contents/MacOS/zoom.us", "/opt/zoom/zoom"),
     "", ALL, 6, MH_PK_BASE},
    {W3("explorer.exe", "Finder", "nautilus"),
     W3("C:\\Windows\\explorer.exe",
        "/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder", "/usr/bin/nautilus"),
     "", ALL, 8, MH_PK_BASE},
    {W3("svchost.exe", "mdworker_shared", "systemd"),
     W3("C:\\Windows\\System32\\svchost.exe",
        "/System/Library/Frameworks/CoreServices.framework/Frameworks/Metadata.framework/Versions/"
        "A/Support/mdworker_shared",
        "/usr/lib/systemd/systemd"),
     "-k netsvcs -p", ALL, 20, MH_PK_BASE},
    {W3("powershell.exe", "zsh", "bash"),
     W3("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "/bin/zsh",
        "/usr/bin/bash"),
     "-NoLogo", TECH, 14, MH_PK_DEV},
    {W3("Code.exe", "Electron", "code"),
     W3("C:\\Users\\%u\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe",
        "/Applications/Visual Studio Code.app/Contents/MacOS/Electron", "/usr/share/code/code"),
     "--type=utility", TECH, 18, MH_PK_DEV},
    {W3("git.exe", "git", "git"),
     W3("C:\\Program Files\\Git\\cmd\\git.exe", "/usr/bin/git", "/usr/bin/git"), "fetch --all",
     TECH, 22, MH_PK_DEV},
    {W3("node.exe", "node", "node"),
     W3("C:\\Program Files\\nodejs\\node.exe", "/opt/homebrew/bin/node", "/usr/bin/node"),
     "node_modules/.bin/jest --watch", B(ENG) | B(SRE), 12, MH_PK_DEV},
    {W3("python.exe", "python3.12", "python3"),
     W3("C:\\Users\\%u\\AppData\\Local\\Programs\\Python\\Python312\\python.exe",
        "/opt/homebrew/bin/python3.12", "/usr/bin/python3"),
     "-m pytest -q", TECH, 10, MH_PK_DEV},
    {W3("docker.exe", "com.docker.backend", "docker"),
     W3("C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe",
        "/Applications/Docker.app/Contents/MacOS/com.docker.backend", "/usr/bin/docker"),
     "compose up -d", B(ENG) | B(SRE) | B(DATA), 6, MH_PK_DEV},
    {W3("ssh.exe", "ssh", "ssh"),
     W3("C:\\Windows\\System32\\OpenSSH\\ssh.exe", "/usr/bin/ssh", "/usr/bin/ssh"),
     "bastion.internal", B(SRE) | B(IT) | B(SEC) | B(NOC), 8, MH_PK_DEV},
    {W3("kubectl.exe", "kubectl", "kubectl"),
     W3("C:\\ProgramData\\chocolatey\\bin\\kubectl.exe", "/opt/homebrew/bin/kubectl",
        "/usr/local/bin/kubectl"),
     "get pods -A", B(SRE) | B(NOC), 8, MH_PK_DEV},
    {W3("ngrok.exe", "ngrok", "ngrok"),
     W3("C:\\Users\\%u\\scoop\\apps\\ngrok\\current\\ngrok.exe", "/opt/homebrew/bin/ngrok",
        "/usr/local/bin/ngrok"),
     "http 3000", B(ENG), 1, MH_PK_DEV},
    {W3("VirtualBoxVM.exe", "VirtualBoxVM", "VirtualBoxVM"),
     W3("C:\\Program Files\\Oracle\\VirtualBox\\VirtualBoxVM.exe",
        "/Applications/VirtualBox.app/Contents/MacOS/VirtualBoxVM",
        "/usr/lib/virtualbox/VirtualBoxVM"),
     "--startvm dev-ubuntu", B(ENG) | B(SEC) | B(IT), 1, MH_PK_DEV},
    {W3("msiexec.exe", "installer", "apt"),
     W3("C:\\Windows\\System32\\msiexec.exe", "/usr/sbin/installer", "/usr/bin/apt"),
     "/i package.msi /qn", ALL, 2, MH_PK_INSTALL},
    {W3("GoogleUpdate.exe", "brew", "snap"),
     W3("C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe", "/opt/homebrew/bin/brew",
        "/usr/bin/snap"),
     "/ua /installsource scheduler", ALL, 3, MH_PK_INSTALL},
    {W3("7z.exe", "zip", "tar"),
     W3("C:\\Program Files\\7-Zip\\7z.exe", "/usr/bin/zip", "/usr/bin/tar"), "a -tzip", ALL, 1,
     MH_PK_ARCHIVE},
    {W3("TeamViewer.exe", "TeamViewer", "teamviewer"),
     W3("C:\\Program Files\\TeamViewer\\TeamViewer.exe",
        "/Applications/TeamViewer.app/Contents/MacOS/TeamViewer",
        "/opt/teamviewer/tv_bin/TeamViewer"),
     "", B(IT), 4, MH_PK_REMOTE},
    {W3("ScreenConnect.ClientService.exe", "ScreenConnect Client", NULL),
     W3("C:\\Program Files (x86)\\ScreenConnect Client "
        "(7a6e3b1f0c2d4e59)\\ScreenConnect.ClientService.exe",
        "/Applications/ScreenConnect Client.app/Contents/MacOS/ScreenConnect Client", NULL),
     "?e=Support&y=Guest", B(IT), 4, MH_PK_REMOTE},
    {W3("AnyDesk.exe", "AnyDesk", "anydesk"),
     W3("C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe",
        "/Applications/AnyDesk.app/Contents/MacOS/AnyDesk", "/usr/bin/anydesk"),
     "--control", 0, 1, MH_PK_REMOTE},
    {W3("rustdesk.exe", "RustDesk", "rustdesk"),
     W3("C:\\Program Files\\RustDesk\\rustdesk.exe",
        "/Applications/RustDesk.app/Contents/MacOS/RustDesk", "/usr/bin/rustdesk"),
     "--service", 0, 1, MH_PK_REMOTE},
    {W3("remoting_host.exe", "remoting_me2me_host", "chrome-remote-desktop-host"),
     W3("C:\\Program Files (x86)\\Google\\Chrome Remote Desktop\\CurrentVersion\\remoting_host.exe",
        "/Library/PrivilegedHelperTools/ChromeRemoteDesktopHost.app/Contents/MacOS/"
        "remoting_me2me_host",
        "/opt/google/chrome-remote-desktop/chrome-remote-desktop-host"),
     "--type=host", 0, 1, MH_PK_REMOTE},
    {W3("SRService.exe", "Splashtop Streamer", NULL),
     W3("C:\\Program Files (x86)\\Splashtop\\Splashtop Remote\\Server\\SRService.exe",
        "/Applications/Splashtop Streamer.app/Contents/MacOS/Splashtop Streamer", NULL),
     "", 0, 1, MH_PK_REMOTE},
    {W3("MouseJiggler.exe", "Amphetamine", "caffeine"),
     W3("C:\\Users\\%u\\AppData\\Local\\MouseJiggler\\MouseJiggler.exe",
        "/Applications/Amphetamine.app/Contents/MacOS/Amphetamine", "/usr/bin/caffeine"),
     "-j -m", 0, 1, MH_PK_JIGGLER},
};
const unsigned mh_sim_nprogs = sizeof(mh_sim_progs) / sizeof(mh_sim_progs[0]);

const struct mh_sim_usb mh_sim_usbs[] = {
    {"046d", "c52b", "Logitech, Inc.", "Unifying Receiver", MH_USB_INPUT, 0, 30},
    {"046d", "c548", "Logitech, Inc.", "Logi Bolt Receiver", MH_USB_INPUT, 0, 20},
    {"05ac", "0267", "Apple Inc.", "Magic Keyboard A1644", MH_USB_INPUT, 0, 10},
    {"045e", "07b2", "Microsoft Corp.", "2.4GHz Transceiver v8.0", MH_USB_INPUT, 0, 8},
    {"413c", "b06e", "Dell Computer Corp.", "Dell dock", MH_USB_DOCK, 0, 15},
    {"17ef", "a396", "Lenovo", "ThinkPad USB-C Dock Gen2 USB Audio", MH_USB_DOCK, 0, 8},
    {"2188", "5500", "CalDigit", "TS3 Plus", MH_USB_DOCK, 0, 4},
    {"0b0e", "245e", "GN Netcom A/S", "Jabra Link 370", MH_USB_AUDIO, 0, 12},
    {"047f", "c056", "Plantronics, Inc.", "Plantronics Blackwire 3220 Series", MH_USB_AUDIO, 0, 8},
    {"046d", "085e", "Logitech, Inc.", "BRIO Ultra HD Webcam", MH_USB_CAMERA, 0, 6},
    {"1050", "0407", "Yubico.com", "Yubikey 4/5 OTP+U2F+CCID", MH_USB_KEY, 0, 12},
    {"0781", "5583", "SanDisk Corp.", "Ultra Fit", MH_USB_STORAGE, 1, 6},
    {"0951", "1666", "Kingston Technology", "DataTraveler 100 G3/G4/SE9 G2/50", MH_USB_STORAGE, 1,
     5},
    {"04e8", "4001", "Samsung Electronics Co., Ltd", "PSSD T7", MH_USB_STORAGE, 1, 4},
    {"2341", "0043", "Arduino SA", "Uno R3 (CDC ACM)", MH_USB_GADGET, 0, 2},
    {"0403", "6001", "Future Technology Devices International, Ltd", "FT232 Serial (UART) IC",
     MH_USB_GADGET, 0, 2},
    {"1d6b", "0104", "Linux Foundation", "Multifunction Composite Gadget", MH_USB_GADGET, 0, 2},
    {"1d6b", "0104", "PiKVM", "PiKVM Composite Device", MH_USB_KVM, 0, 1},
    {"1d6b", "0104", "tinypilot", "Multifunction Composite Gadget", MH_USB_KVM, 0, 1},
    {"1d6b", "0104", "JetKVM", "JetKVM USB Emulation Device", MH_USB_KVM, 0, 1},
};
const unsigned mh_sim_nusbs = sizeof(mh_sim_usbs) / sizeof(mh_sim_usbs[0]);

const struct mh_sim_repo mh_sim_repos[] = {
    {"payments-api", MH_ROLE_ENG},         {"billing-service", MH_ROLE_ENG},
    {"web-frontend", MH_ROLE_ENG},         {"mobile-ios", MH_ROLE_ENG},
    {"mobile-android", MH_ROLE_ENG},       {"auth-service", MH_ROLE_ENG},
    {"search-indexer", MH_ROLE_ENG},       {"notifications", MH_ROLE_ENG},
    {"design-system", MH_ROLE_ENG},        {"customer-portal", MH_ROLE_ENG},
    {"partner-sdk", MH_ROLE_ENG},          {"ledger-core", MH_ROLE_ENG},
    {"infra-terraform", MH_ROLE_SRE},      {"k8s-manifests", MH_ROLE_SRE},
    {"ci-pipelines", MH_ROLE_SRE},         {"observability", MH_ROLE_SRE},
    {"incident-runbooks", MH_ROLE_SRE},    {"data-pipeline", MH_ROLE_DATA},
    {"ml-models", MH_ROLE_DATA},           {"warehouse-dbt", MH_ROLE_DATA},
    {"analytics-notebooks", MH_ROLE_DATA}, {"it-scripts", MH_ROLE_IT},
    {"endpoint-config", MH_ROLE_IT},       {"detection-rules", MH_ROLE_SEC},
    {"secrets-rotation", MH_ROLE_SEC},     {"noc-dashboards", MH_ROLE_NOC},
};
const unsigned mh_sim_nrepos = sizeof(mh_sim_repos) / sizeof(mh_sim_repos[0]);

const struct mh_sim_dest mh_sim_dests[] = {
    {"outlook.office365.com", 0, 30},
    {"teams.microsoft.com", 0, 25},
    {"slack.com", 0, 25},
    {"github.com", 0, 15},
    {"zoom.us", 0, 10},
    {"salesforce.com", 0, 8},
    {"s3.amazonaws.com", 0, 6},
    {"drive.google.com", 1, 6},
    {"www.dropbox.com", 1, 4},
    {"onedrive.live.com", 1, 3},
    {"wetransfer.com", 1, 2},
    {"mega.nz", 1, 2},
};
const unsigned mh_sim_ndests = sizeof(mh_sim_dests) / sizeof(mh_sim_dests[0]);

const struct mh_sim_ua mh_sim_uas[] = {
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36",
     "Windows 10", "CHROME", MH_OS_WIN},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
     "Windows 10", "EDGE", MH_OS_WIN},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36",
     "Mac OS X", "CHROME", MH_OS_MAC},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.4.1 Safari/605.1.15",
     "Mac OS X", "SAFARI", MH_OS_MAC},
    {"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", "Linux", "FIREFOX",
     MH_OS_LINUX},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
     "iOS", "SAFARI", 3},
    {"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.6367.82 Mobile Safari/537.36",
     "Android", "CHROME", 3},
};
const unsigned mh_sim_nuas = sizeof(mh_sim_uas) / sizeof(mh_sim_uas[0]);

const char *const mh_sim_okta_apps[] = {
    "Slack",   "Salesforce.com", "GitHub Enterprise Cloud", "Atlassian Cloud",
    "Workday", "Zoom",           "AWS IAM Identity Center", "Google Workspace"};
const unsigned mh_sim_nokta_apps = sizeof(mh_sim_okta_apps) / sizeof(mh_sim_okta_apps[0]);

const char *const mh_sim_entra_apps[] = {
    "Office 365 Exchange Online", "Microsoft Teams",
    "SharePoint Online",          "OfficeHome",
    "OneDrive SyncEngine",        "Microsoft Authentication Broker"};
const unsigned mh_sim_nentra_apps = sizeof(mh_sim_entra_apps) / sizeof(mh_sim_entra_apps[0]);

const char *const mh_sim_first_names[] = {
    "James",   "Mary",    "Robert",    "Patricia",  "John",        "Jennifer", "Michael",
    "Linda",   "David",   "Elizabeth", "William",   "Barbara",     "Richard",  "Susan",
    "Joseph",  "Jessica", "Thomas",    "Sarah",     "Christopher", "Karen",    "Daniel",
    "Lisa",    "Matthew", "Nancy",     "Anthony",   "Betty",       "Mark",     "Sandra",
    "Donald",  "Ashley",  "Steven",    "Emily",     "Andrew",      "Michelle", "Joshua",
    "Amanda",  "Kevin",   "Melissa",   "Brian",     "Stephanie",   "Ethan",    "Olivia",
    "Noah",    "Emma",    "Liam",      "Ava",       "Lucas",       "Mia",      "Priya",
    "Arjun",   "Ananya",  "Rahul",     "Wei",       "Mei",         "Jun",      "Hana",
    "Min-jun", "Ji-woo",  "Hiroshi",   "Yuki",      "Maria",       "Jose",     "Carlos",
    "Sofia",   "Piotr",   "Anna",      "Katarzyna", "Tomasz",      "Lukas",    "Lena",
    "Oliver",  "Amelia",  "Kwame",     "Aisha",     "Omar",        "Fatima",   "Diego",
    "Camila",  "Nguyen",  "Linh",      "Rafael",    "Isabel",      "Marcus",   "Grace",
    "Samuel",  "Chloe"};
const unsigned mh_sim_nfirst = sizeof(mh_sim_first_names) / sizeof(mh_sim_first_names[0]);

const char *const mh_sim_last_names[] = {
    "Smith",    "Johnson",   "Williams",  "Brown",     "Jones",    "Garcia",   "Miller",
    "Davis",    "Rodriguez", "Martinez",  "Hernandez", "Lopez",    "Gonzalez", "Wilson",
    "Anderson", "Thomas",    "Taylor",    "Moore",     "Jackson",  "Martin",   "Lee",
    "Perez",    "Thompson",  "White",     "Harris",    "Sanchez",  "Clark",    "Ramirez",
    "Lewis",    "Robinson",  "Walker",    "Young",     "Allen",    "King",     "Wright",
    "Scott",    "Torres",    "Nguyen",    "Hill",      "Flores",   "Green",    "Adams",
    "Nelson",   "Baker",     "Hall",      "Rivera",    "Campbell", "Mitchell", "Carter",
    "Roberts",  "Patel",     "Sharma",    "Singh",     "Kumar",    "Chen",     "Wang",
    "Li",       "Zhang",     "Kim",       "Park",      "Choi",     "Tanaka",   "Sato",
    "Suzuki",   "Santos",    "Reyes",     "Cruz",      "Kowalski", "Nowak",    "Wisniewski",
    "Muller",   "Schmidt",   "Schneider", "Fischer",   "Okafor",   "Mensah",   "Haddad",
    "Tran",     "Pham",      "Cohen",     "Murphy",    "Kelly",    "Sullivan", "Bennett"};
const unsigned mh_sim_nlast = sizeof(mh_sim_last_names) / sizeof(mh_sim_last_names[0]);

const char *const mh_sim_streets[] = {
    "Oak St",     "Maple Ave",    "Cedar Ln",   "Pine St",     "Elm St",    "Washington Ave",
    "Lake Dr",    "Hillcrest Rd", "Park Ave",   "Sunset Blvd", "Main St",   "Willow Way",
    "River Rd",   "Highland Ave", "Meadow Ln",  "Church St",   "Forest Dr", "Spring St",
    "Jackson St", "Lincoln Ave",  "Madison Ct", "Chestnut St", "Walnut St", "Franklin Blvd"};
const unsigned mh_sim_nstreets = sizeof(mh_sim_streets) / sizeof(mh_sim_streets[0]);

const char *const mh_sim_free_mail[] = {"gmail.com", "outlook.com", "yahoo.com",
                                        "proton.me", "icloud.com",  "hotmail.com"};
const unsigned mh_sim_nfree_mail = sizeof(mh_sim_free_mail) / sizeof(mh_sim_free_mail[0]);

const char *const mh_sim_doc_words[] = {
    "Q3",      "forecast",   "pipeline",     "roadmap",  "customer",   "contracts",
    "invoice", "payroll",    "budget",       "offsite",  "design",     "review",
    "notes",   "onboarding", "pricing",      "proposal", "renewals",   "board",
    "metrics", "headcount",  "architecture", "incident", "postmortem", "vendor",
    "audit",   "benefits",   "launch",       "campaign", "export",     "report"};
const unsigned mh_sim_ndoc_words = sizeof(mh_sim_doc_words) / sizeof(mh_sim_doc_words[0]);

const char *const mh_sim_doc_exts[] = {"docx", "xlsx", "pdf", "pptx", "csv", "txt", "png"};
const unsigned mh_sim_ndoc_exts = sizeof(mh_sim_doc_exts) / sizeof(mh_sim_doc_exts[0]);

const char *const mh_sim_src_files[] = {"src/main.go",
                                        "src/handlers/charge.go",
                                        "src/ledger/posting.go",
                                        "src/api/routes.ts",
                                        "src/components/Checkout.tsx",
                                        "config/settings.yaml",
                                        "README.md",
                                        "Makefile",
                                        "src/models/account.py",
                                        "src/db/migrations/0042_add_index.sql",
                                        "docs/architecture.md",
                                        "src/auth/token.go",
                                        "terraform/main.tf",
                                        "src/crypto/keys.rs",
                                        "scripts/deploy.sh",
                                        "src/util/retry.ts"};
const unsigned mh_sim_nsrc_files = sizeof(mh_sim_src_files) / sizeof(mh_sim_src_files[0]);

unsigned mh_sim_progs_of_kind(uint8_t kind, unsigned *out, unsigned cap)
{
	unsigned i, n = 0;

	for (i = 0; i < mh_sim_nprogs && n < cap; i++)
		if (mh_sim_progs[i].kind == kind)
			out[n++] = i;
	return n;
}

unsigned mh_sim_usbs_of_kind(uint8_t kind, unsigned *out, unsigned cap)
{
	unsigned i, n = 0;

	for (i = 0; i < mh_sim_nusbs && n < cap; i++)
		if (mh_sim_usbs[i].kind == kind)
			out[n++] = i;
	return n;
}
