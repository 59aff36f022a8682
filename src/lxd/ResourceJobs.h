#pragma once

#include "ApiJob.h"
#include "Resource.h"

#include <QJsonArray>

namespace Lxd {

// Typed results on top of ApiJob. These templates add no signals, so they need no Q_OBJECT: connect
// to Job::finished and static_cast the job back (the type is the one the manager returned).

// GET of one object: the result is a Full object with its ETag.
template<class T>
class ObjectJob final : public ApiJob
{
public:
    using ApiJob::ApiJob;
    T object() const { return T(metadata().toObject(), etag(), Resource::Detail::Full); }
};

// A listing: with recursion the objects are Full; without, Summary objects that know only their name.
template<class T>
class ListJob final : public ApiJob
{
public:
    using ApiJob::ApiJob;
    QList<T> objects() const
    {
        QList<T> result;
        const QJsonArray items = metadata().toArray();
        result.reserve(items.size());
        for (const QJsonValue &item : items) {
            if (item.isObject()) {
                result.append(T(item.toObject(), {}, Resource::Detail::Full));
            } else {
                const QJsonObject summary {{QStringLiteral("name"), Resource::nameFromUrl(item.toString())}};
                result.append(T(summary, {}, Resource::Detail::Summary));
            }
        }
        return result;
    }
};

// Whether an object exists: a 404 is the answer "no", not an error.
class ExistsJob final : public ApiJob
{
public:
    using ApiJob::ApiJob;
    bool exists() const { return succeeded(); }
    // The error, unless it was the 404 that means "no".
    Error realError() const { return error().isNotFound() ? Error() : error(); }
};

} // namespace Lxd
