from django.urls import path

from subscriptions import views

app_name = "subscriptions"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("lien-ket/", views.request_link, name="request_link"),
    path("xac-nhan/<str:token>/", views.confirm, name="confirm"),
    path("huy/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("quan-ly/<str:token>/", views.manage, name="manage"),
]
