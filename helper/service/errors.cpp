#include "errors.h"

#include "error.h"

namespace hako::helper {

Failure failureFromCurrentException()
{
    try {
        throw;
    } catch (const FailureException &e) {
        return e.failure();
    } catch (const NotFoundError &e) {
        // Core has one "not found" type for containers and images; its messages say which.
        const QString message = QString::fromStdString(e.what());
        if (message.contains(QLatin1String("no such network")))
            return {errors::NoSuchNetwork, message};
        if (message.contains(QLatin1String("volume")))
            return {errors::NoSuchVolume, message};
        const bool image = message.contains(QLatin1String("image")) ||
                           message.contains(QLatin1String("manifest")) ||
                           message.contains(QLatin1String("repository"));
        return {image ? errors::NoSuchImage : errors::NoSuchContainer, message};
    } catch (const CancelledError &e) {
        return {errors::Cancelled, QString::fromStdString(e.what())};
    } catch (const BadContentError &e) {
        return {errors::BadContent, QString::fromStdString(e.what())};
    } catch (const ExistsError &e) {
        return {errors::ContainerExists, QString::fromStdString(e.what())};
    } catch (const StateError &e) {
        return {errors::InvalidState, QString::fromStdString(e.what())};
    } catch (const SpecError &e) {
        return {errors::InvalidSpec, QString::fromStdString(e.what())};
    } catch (const std::exception &e) {
        return {errors::Failed, QString::fromStdString(e.what())};
    } catch (...) {
        return {errors::Failed, QStringLiteral("unexpected internal error")};
    }
}

} // namespace hako::helper
