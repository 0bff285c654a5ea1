from django.urls import path

from . import editing_views, report_views, review_views, subscription_views, views

app_name = "comments"

urlpatterns = [
    path("post/<int:article_id>/", views.post_comment, name="post"),
    path("<int:comment_id>/", views.comment_permalink, name="permalink"),
    path("<int:comment_id>/edit/", editing_views.edit_comment, name="edit"),
    path("<int:comment_id>/delete/", editing_views.delete_comment, name="delete"),
    path("<int:comment_id>/report/", report_views.report_comment, name="report"),
    path("report/thanks/<int:article_id>/", report_views.report_thanks, name="report-thanks"),
    path("confirm/<str:token>/", views.confirm_address, name="confirm"),
    path("review/<str:token>/", review_views.request_review, name="review"),
    path("unsubscribe/<str:token>/", subscription_views.unsubscribe, name="unsubscribe"),
    path(
        "subscriptions/<str:token>/",
        subscription_views.manage_subscriptions,
        name="subscriptions",
    ),
]
