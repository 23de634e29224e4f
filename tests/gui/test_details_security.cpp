// The Security page against the real helper and real containers: what the kernel applies
// (Docker's capabilities, the seccomp filter) beside what the spec asked for, "none" after
// --cap-drop ALL, a red mark where the kernel differs from the spec, the asked-for side alone
// for a stopped container, and the "Check isolation…" button's signal.
#include "details_pane.h"
#include "details_security.h"
#include "gui_fixture.h"

#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>

namespace hako::guitest {
namespace {

using dbustest::hakoctl;
using gui::DetailsPane;
using gui::SecurityPage;
using gui::SecurityRow;

class SecurityTest : public GuiTest {
protected:
    std::unique_ptr<DetailsPane> showSecurity(const std::string &name)
    {
        auto pane = std::make_unique<DetailsPane>(&helper());
        pane->resize(900, 600);
        pane->setContainer(QString::fromStdString(name));
        pane->showPage(DetailsPane::Page::Security);
        pane->show();
        page_ = pane->findChild<SecurityPage *>();
        EXPECT_NE(page_, nullptr);
        return pane;
    }
    bool waitForEffective() { return waitUntil([this] { return page_->hasEffective(); }, 10000); }
    std::string inForce(SecurityRow row) const { return page_->inForceText(row).toStdString(); }
    std::string asked(SecurityRow row) const { return page_->askedText(row).toStdString(); }

    SecurityPage *page_ = nullptr;
};

QStringList namesIn(const QString &text)
{
    return text.split(QStringLiteral(", "));
}

TEST_F(SecurityTest, ShowsDockersCapabilitiesAndTheFilterInForce)
{
    runDetached("sec", {"sleep", "300"});
    auto pane = showSecurity("sec");
    ASSERT_TRUE(waitForEffective());
    const QStringList effective = namesIn(page_->inForceText(SecurityRow::EffectiveCaps));
    EXPECT_TRUE(effective.contains(QStringLiteral("CHOWN"))) << inForce(SecurityRow::EffectiveCaps);
    EXPECT_FALSE(effective.contains(QStringLiteral("SYS_ADMIN"))) << inForce(SecurityRow::EffectiveCaps);
    EXPECT_EQ(effective.size(), 14) << inForce(SecurityRow::EffectiveCaps);
    EXPECT_TRUE(page_->inForceText(SecurityRow::Seccomp).startsWith(QStringLiteral("filter"))) << inForce(SecurityRow::Seccomp);
    EXPECT_TRUE(page_->askedText(SecurityRow::Seccomp).contains(QStringLiteral("default profile"))) << asked(SecurityRow::Seccomp);
    EXPECT_EQ(page_->inForceText(SecurityRow::NoNewPrivileges), QStringLiteral("no"));
    EXPECT_EQ(page_->inForceText(SecurityRow::User), QStringLiteral("uid 0, gid 0 on the host"));
    // A default container is what it asked for: every row plain, no red mark.
    for (int row = 0; row < gui::kSecurityRowCount; ++row)
        EXPECT_EQ(page_->matches(SecurityRow(row)), std::optional<bool>(true)) << row;
    const QList<QLabel *> marks = pane->findChildren<QLabel *>(QRegularExpression(QStringLiteral("^securityMark_")));
    EXPECT_EQ(marks.size(), gui::kSecurityRowCount);
    for (QLabel *mark : marks)
        EXPECT_TRUE(mark->text().isEmpty()) << mark->objectName().toStdString();

    // The button names the full id, through the pane.
    QSignalSpy spy(pane.get(), &DetailsPane::checkIsolationRequested);
    ASSERT_TRUE(page_->checkIsolationButton()->isEnabled());
    page_->checkIsolationButton()->click();
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(spy.at(0).at(0).toString().toStdString(), inspectField("sec", "{{.Id}}"));
}

TEST_F(SecurityTest, ACapDropAllContainerShowsNone)
{
    ASSERT_EQ(hakoctl({"run", "-d", "--name", "bare", "--cap-drop", "ALL", "busybox", "sleep", "300"}).exit, 0);
    auto pane = showSecurity("bare");
    ASSERT_TRUE(waitForEffective());
    EXPECT_EQ(page_->inForceText(SecurityRow::EffectiveCaps), QStringLiteral("none"));
    EXPECT_EQ(page_->inForceText(SecurityRow::BoundingCaps), QStringLiteral("none"));
    EXPECT_EQ(page_->askedText(SecurityRow::EffectiveCaps), QStringLiteral("none"));
    EXPECT_EQ(page_->matches(SecurityRow::EffectiveCaps), std::optional<bool>(true));
}

TEST_F(SecurityTest, CapabilitiesTheKernelDroppedAtExecAreMarked)
{
    // A non-root user keeps no effective capabilities across execve (no ambient set), though
    // the spec lists them: the kernel differs from the spec, and the page must say so.
    ASSERT_EQ(hakoctl({"run", "-d", "--name", "nobody", "--user", "1000", "busybox", "sleep", "300"}).exit, 0);
    auto pane = showSecurity("nobody");
    ASSERT_TRUE(waitForEffective());
    EXPECT_EQ(page_->inForceText(SecurityRow::EffectiveCaps), QStringLiteral("none"));
    EXPECT_EQ(page_->matches(SecurityRow::EffectiveCaps), std::optional<bool>(false));
    auto *mark = pane->findChild<QLabel *>(QStringLiteral("securityMark_effectiveCaps"));
    ASSERT_NE(mark, nullptr);
    EXPECT_FALSE(mark->text().isEmpty());
    EXPECT_TRUE(mark->toolTip().contains(QStringLiteral("Asked for but not in force: "))) << mark->toolTip().toStdString();
    EXPECT_TRUE(mark->toolTip().contains(QStringLiteral("CHOWN"))) << mark->toolTip().toStdString();
    // Bounding set and seccomp are unaffected by the user: plain.
    EXPECT_EQ(page_->matches(SecurityRow::BoundingCaps), std::optional<bool>(true));
    EXPECT_EQ(page_->matches(SecurityRow::Seccomp), std::optional<bool>(true));
    EXPECT_EQ(page_->inForceText(SecurityRow::User), QStringLiteral("uid 1000, gid 0 on the host"));
}

TEST_F(SecurityTest, AStoppedContainerShowsWhatItAskedForOnly)
{
    runDetached("halt", {"sleep", "300"});
    auto pane = showSecurity("halt");
    ASSERT_TRUE(waitForEffective());
    ASSERT_EQ(hakoctl({"kill", "halt"}).exit, 0);
    ASSERT_TRUE(waitUntil([&] { return !page_->hasEffective(); }));
    auto *message = pane->findChild<QLabel *>(QStringLiteral("securityMessage"));
    ASSERT_NE(message, nullptr);
    EXPECT_TRUE(message->isVisible());
    EXPECT_TRUE(message->text().contains(QStringLiteral("not running"))) << message->text().toStdString();
    EXPECT_TRUE(namesIn(page_->askedText(SecurityRow::EffectiveCaps)).contains(QStringLiteral("CHOWN")));
    EXPECT_EQ(page_->inForceText(SecurityRow::EffectiveCaps), QStringLiteral("—"));
    EXPECT_EQ(page_->matches(SecurityRow::EffectiveCaps), std::nullopt);
    EXPECT_FALSE(page_->checkIsolationButton()->isEnabled());

    // Started again: the kernel's side comes back without any action from the user.
    ASSERT_EQ(hakoctl({"start", "halt"}).exit, 0);
    EXPECT_TRUE(waitForEffective());
    EXPECT_FALSE(message->isVisible());
}

QJsonObject objectOf(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// The comparisons the real containers above cannot produce: a filter or a mapping the kernel
// does not show, and a joined user namespace with nothing in the spec to compare with.
TEST(SecurityRows, AMissingFilterOrMappingIsADifference)
{
    const QJsonObject asked = objectOf(R"({"Seccomp": {"Profile": "custom", "Rules": 3},
        "UserNamespace": true, "UidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
        "GidMappings": [], "User": {"UID": 0, "GID": 0, "HostUID": 100000, "HostGID": null}})");
    const QJsonObject kernel = objectOf(R"({"Seccomp": 0, "SeccompFilters": 0, "Uid": [0, 0, 0, 0],
        "Gid": [0, 0, 0, 0], "UidMap": [{"containerID": 0, "hostID": 0, "size": 4294967295}],
        "GidMap": [{"containerID": 0, "hostID": 0, "size": 4294967295}]})");
    const auto rows = gui::SecurityRows::compare(asked, kernel);
    ASSERT_EQ(rows.size(), gui::kSecurityRowCount);
    const auto &seccomp = rows[int(SecurityRow::Seccomp)];
    EXPECT_EQ(seccomp.asked, QStringLiteral("filter: a custom profile, 3 rule(s)"));
    EXPECT_EQ(seccomp.inForce, QStringLiteral("none"));
    EXPECT_EQ(seccomp.matches, std::optional<bool>(false));
    EXPECT_FALSE(seccomp.difference.isEmpty());
    const auto &uidMap = rows[int(SecurityRow::UidMap)];
    EXPECT_EQ(uidMap.asked, QStringLiteral("0 → 100000, 65536 id(s)"));
    EXPECT_EQ(uidMap.inForce, QStringLiteral("the host's own"));
    EXPECT_EQ(uidMap.matches, std::optional<bool>(false));
    // No gid mappings in the spec although it has a user namespace: a joined one, not compared.
    EXPECT_EQ(rows[int(SecurityRow::GidMap)].matches, std::nullopt);
    // The gid maps to nothing on the host: whatever the kernel says, it is not what was asked.
    EXPECT_EQ(rows[int(SecurityRow::User)].matches, std::optional<bool>(false));
    EXPECT_TRUE(rows[int(SecurityRow::User)].asked.contains(QStringLiteral("not mapped")));
    // Capabilities absent on both sides: "none" and equal.
    EXPECT_EQ(rows[int(SecurityRow::BoundingCaps)].asked, QStringLiteral("none"));
    EXPECT_EQ(rows[int(SecurityRow::BoundingCaps)].matches, std::optional<bool>(true));

    // Not running: only the asked-for side, nothing compared.
    for (const auto &row : gui::SecurityRows::compare(asked, std::nullopt)) {
        EXPECT_EQ(row.inForce, QStringLiteral("—"));
        EXPECT_EQ(row.matches, std::nullopt);
    }
}

TEST(SecurityRows, ExtraCapabilitiesAreNamedInTheDifference)
{
    const QJsonObject asked = objectOf(R"({"Capabilities": {"Effective": ["CAP_CHOWN"]}})");
    const QJsonObject kernel = objectOf(R"({"CapEff": ["CAP_CHOWN", "CAP_SYS_ADMIN", "CAP_45"]})");
    const auto row = gui::SecurityRows::compare(asked, kernel)[int(SecurityRow::EffectiveCaps)];
    EXPECT_EQ(row.inForce, QStringLiteral("CAP_45, CHOWN, SYS_ADMIN"));
    EXPECT_EQ(row.matches, std::optional<bool>(false));
    EXPECT_EQ(row.difference, QStringLiteral("In force but not asked for: CAP_45, SYS_ADMIN"));
}

} // namespace
} // namespace hako::guitest
